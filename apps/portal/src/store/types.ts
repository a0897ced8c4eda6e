export interface CatalogService {
  slug: string;
  title: string;
  summary: string;
  role: string | null;
  requires_subscription: boolean;
  versions: { version: string; openapi_url: string }[];
}

export interface AppKey {
  environment: 'production' | 'sandbox';
  consumer_key: string;
  created_at: string;
  rotated_at: string | null;
  previous_secret_expires_at: string | null;
}

export interface Application {
  application_id: string;
  name: string;
  description: string | null;
  tier: string;
  password_grant: boolean;
  access_token_ttl_seconds: number;
  status: string;
  created_at: string;
  keys: AppKey[];
  subscriptions: { service: string; tier: string; status: string }[];
}

export interface Tier {
  name: string;
  description: string;
  requests_per_minute: number | null;
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  scope: string;
}
