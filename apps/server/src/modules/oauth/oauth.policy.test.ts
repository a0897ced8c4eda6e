import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { effectiveRoles, narrowScope, resolveScope } from './oauth.policy.ts';

describe('token scopes', () => {
  it('grants "default" when no scope is asked for', () => {
    expect(resolveScope(undefined, ['psiBooking'])).toBe('default');
    expect(resolveScope('  ', ['psiBooking'])).toBe('default');
  });

  it('accepts role names the account holds and drops repeats', () => {
    expect(resolveScope('psiBooking psiBooking', ['psiBooking', 'psiPayment'])).toBe('psiBooking');
  });

  it('refuses a role the account lacks as invalid_scope', () => {
    expect(() => resolveScope('psiPayment', ['psiBooking'])).toThrow(AppError);
    try {
      resolveScope('psiPayment', ['psiBooking']);
    } catch (error) {
      expect((error as AppError).code).toBe('OAUTH_INVALID_SCOPE');
    }
  });

  it('lets a refresh narrow but never widen the scope', () => {
    expect(narrowScope(undefined, 'psiBooking psiPayment')).toBe('psiBooking psiPayment');
    expect(narrowScope('psiBooking', 'psiBooking psiPayment')).toBe('psiBooking');
    expect(() => narrowScope('psiResults', 'psiBooking')).toThrow(/cannot add/);
    expect(narrowScope('psiResults', 'default')).toBe('psiResults');
  });

  it('limits the roles of a narrowed token to those it names', () => {
    expect(effectiveRoles('default', ['psiBooking', 'psiPayment'])).toEqual(['psiBooking', 'psiPayment']);
    expect(effectiveRoles('psiPayment', ['psiBooking', 'psiPayment'])).toEqual(['psiPayment']);
  });
});
