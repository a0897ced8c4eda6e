import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './admin/AdminApp.tsx';
import { StoreApp } from './store/StoreApp.tsx';
import './ui/styles.css';

const root = document.getElementById('root');
if (root) {
  const isAdmin = window.location.pathname.startsWith('/admin');
  document.title = isAdmin ? 'Atlas admin console' : 'Atlas API Store';
  createRoot(root).render(<StrictMode>{isAdmin ? <AdminApp /> : <StoreApp />}</StrictMode>);
}
