export const ROLES = [
  { role: 'psiEligibility', label: 'Eligibility' },
  { role: 'psiTestCenter', label: 'Test Center' },
  { role: 'psiTestPublication', label: 'Test Publication' },
  { role: 'psiBooking', label: 'Booking' },
  { role: 'psiPayment', label: 'Payment' },
  { role: 'psiVoucher', label: 'Voucher' },
  { role: 'psiProctoring', label: 'Proctoring' },
  { role: 'psiResults', label: 'Results' },
];

export interface Account {
  account_code: string;
  name: string;
  status: string;
  roles: string[];
  cidrs: string[];
  created_at: string;
}
