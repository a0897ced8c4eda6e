import { afterEach, describe, expect, it } from 'vitest';
import { configurePaymentProcessors, paymentProcessor } from './payment-processor.ts';

const charge = {
  reference: 'pay_test',
  amount: { amount: 1000, currency: 'USD' },
  card: { number: '4242424242424242', exp_month: 12, exp_year: 2099, cvc: '123' },
  description: 'test',
};

describe('payment processors per mode', () => {
  let undo = () => {};
  afterEach(() => undo());

  it('in production mode refuses production cards, even the sandbox success number, and keeps the sandbox processor for sandbox', async () => {
    undo = configurePaymentProcessors('production');
    expect(paymentProcessor('production').name).toBe('none');
    expect(await paymentProcessor('production').charge(charge)).toMatchObject({ status: 'processor_error' });
    expect(await paymentProcessor('sandbox').charge(charge)).toMatchObject({ status: 'succeeded' });
  });

  it('in development mode lets both environments use the sandbox processor', async () => {
    undo = configurePaymentProcessors('development');
    expect(paymentProcessor('production').name).toBe('sandbox');
    expect(await paymentProcessor('production').charge(charge)).toMatchObject({ status: 'succeeded' });
  });
});
