/**
 * The card processor edge. Atlas talks to a processor only through `PaymentProcessor`, so a real one (Stripe,
 * Adyen…) plugs in with `usePaymentProcessor`. The sandbox processor is the default: deterministic by card number,
 * it never moves money. Every call carries our own id as `reference`, which a real processor takes as its
 * idempotency key, so a retried call never charges or refunds twice.
 */
import { randomBytes } from 'node:crypto';
import type { Environment } from '../../db/schema.ts';
import { normalizeCardNumber } from './payment.policy.ts';

export interface ProcessorMoney {
  amount: number;
  currency: string;
}

export interface ChargeRequest {
  /** Our payment id: the processor's idempotency key. */
  reference: string;
  amount: ProcessorMoney;
  card: { number: string; exp_month: number; exp_year: number; cvc: string; holder_name?: string | undefined };
  description: string;
}

export type ChargeOutcome =
  | { status: 'succeeded'; processorReference: string }
  | { status: 'declined' | 'insufficient_funds' | 'processor_error'; message: string };

export interface RefundRequest {
  /** Our refund id: the processor's idempotency key. */
  reference: string;
  chargeReference: string;
  amount: ProcessorMoney;
}

export type RefundOutcome = { status: 'succeeded'; processorReference: string } | { status: 'failed'; message: string };

/** A thrown error means "outcome unknown" (timeout, network): the caller keeps the payment pending and asks `lookup` later. */
export interface PaymentProcessor {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  refund(request: RefundRequest): Promise<RefundOutcome>;
  /** The outcome of an earlier charge with this reference; null when the processor never received it. */
  lookup(reference: string): Promise<ChargeOutcome | null>;
}

export interface SandboxTestCard {
  number: string;
  brand: string;
  outcome: 'succeeded' | 'declined' | 'insufficient_funds' | 'processor_error' | 'refund_fails';
  description: string;
}

/** The documented sandbox numbers (any expiry in the future, any CVC of the right length). */
export const SANDBOX_TEST_CARDS: readonly SandboxTestCard[] = [
  { number: '4242424242424242', brand: 'visa', outcome: 'succeeded', description: 'The charge succeeds.' },
  { number: '5555555555554444', brand: 'mastercard', outcome: 'succeeded', description: 'The charge succeeds.' },
  { number: '378282246310005', brand: 'amex', outcome: 'succeeded', description: 'The charge succeeds (4-digit CVC).' },
  { number: '4000000000000002', brand: 'visa', outcome: 'declined', description: 'Declined: PAYMENT_DECLINED (402). Nothing is charged.' },
  {
    number: '4000000000009995',
    brand: 'visa',
    outcome: 'insufficient_funds',
    description: 'Declined for insufficient funds: PAYMENT_INSUFFICIENT_FUNDS (402). Nothing is charged.',
  },
  {
    number: '4000000000000119',
    brand: 'visa',
    outcome: 'processor_error',
    description: 'The processor fails: PAYMENT_PROCESSOR_ERROR (502). Nothing is charged.',
  },
  {
    number: '4000000000005126',
    brand: 'visa',
    outcome: 'refund_fails',
    description: 'The charge succeeds; its refunds fail at the processor (the refund ends `failed` and the amount is refundable again).',
  },
];

const MESSAGES = {
  declined: 'The card was declined by its issuer.',
  insufficient_funds: 'The card has insufficient funds.',
  processor_error: 'The processor could not complete the charge.',
} as const;

/** Deterministic by card number; any other number that passes the Luhn check succeeds. Keeps its charges in memory for lookup. */
export class SandboxCardProcessor implements PaymentProcessor {
  readonly name = 'sandbox';
  private readonly charges = new Map<string, ChargeOutcome>();

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const earlier = this.charges.get(request.reference);
    if (earlier) return earlier;
    const card = SANDBOX_TEST_CARDS.find((c) => c.number === normalizeCardNumber(request.card.number));
    const outcome: ChargeOutcome =
      card && card.outcome !== 'succeeded' && card.outcome !== 'refund_fails'
        ? { status: card.outcome, message: MESSAGES[card.outcome] }
        : { status: 'succeeded', processorReference: `sbx_ch_${card?.outcome === 'refund_fails' ? 'rf_' : ''}${randomBytes(10).toString('hex')}` };
    this.charges.set(request.reference, outcome);
    return outcome;
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    if (request.chargeReference.startsWith('sbx_ch_rf_'))
      return { status: 'failed', message: 'The processor refused the refund (sandbox card 4000000000005126).' };
    return { status: 'succeeded', processorReference: `sbx_re_${randomBytes(10).toString('hex')}` };
  }

  async lookup(reference: string): Promise<ChargeOutcome | null> {
    return this.charges.get(reference) ?? null;
  }
}

const defaultProcessor = new SandboxCardProcessor();
const processors: Record<Environment, PaymentProcessor> = { sandbox: defaultProcessor, production: defaultProcessor };

/** The processor for an environment's card payments. */
export function paymentProcessor(environment: Environment): PaymentProcessor {
  return processors[environment];
}

/**
 * Plugs a processor in for an environment (a real one for production; tests wrap the sandbox to count calls).
 * Answers a function that puts the previous one back.
 */
export function usePaymentProcessor(environment: Environment, processor: PaymentProcessor): () => void {
  const previous = processors[environment];
  processors[environment] = processor;
  return () => {
    processors[environment] = previous;
  };
}

/**
 * Production without a real processor: refuses every card (recorded as a failed payment, answered 502) instead of
 * letting the sandbox's test numbers confirm real bookings for free. Invoice payments are unaffected.
 */
export const unconfiguredCardProcessor: PaymentProcessor = {
  name: 'none',
  async charge() {
    return { status: 'processor_error', message: 'No card processor is configured for production: pay by invoice until one is plugged in.' };
  },
  async refund() {
    return { status: 'failed', message: 'No card processor is configured for production.' };
  },
  async lookup() {
    return null;
  },
};

/**
 * What a process starts with (`atlas serve`, `atlas worker`): in ATLAS_MODE=production the production environment's
 * cards go nowhere until a real processor is plugged in with `usePaymentProcessor`; development keeps the sandbox
 * processor for both environments so a laptop can walk the whole flow. Answers a function that undoes it.
 */
export function configurePaymentProcessors(mode: 'development' | 'production'): () => void {
  return mode === 'production' ? usePaymentProcessor('production', unconfiguredCardProcessor) : () => {};
}
