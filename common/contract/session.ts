/**
 * Channels and events of the agent's session: signing in (to an account, or to the embedded sandbox), signing out,
 * and the session's state. No channel ever carries the token, and the password only travels in, never out.
 */
import { z } from 'zod';
import { InboxError } from '../result';

export const SignInRequest = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  /** The service's address; the real service when absent. */
  baseUrl: z.string().trim().min(1).max(2048).optional(),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/**
 * Who is signed in, where. `isSandbox` is true only for the built-in sandbox the app started ("Try it"), whose data
 * goes with it; any other service, even one on loopback, is a real account.
 */
export const SessionProfile = z.strictObject({
  email: z.string(),
  baseUrl: z.string(),
  isSandbox: z.boolean(),
});
export type SessionProfile = z.infer<typeof SessionProfile>;

const Account = z.strictObject({ email: z.string(), baseUrl: z.string() });

export const SessionStatus = z.discriminatedUnion('state', [
  z.strictObject({
    state: z.literal('signed-out'),
    /** Why, when the app signed out on its own (the password stopped working). */
    reason: z.string().optional(),
    /** The last account, to fill in the sign-in form; it is not a secret. */
    lastAccount: Account.optional(),
  }),
  z.strictObject({ state: z.literal('signing-in'), email: z.string(), baseUrl: z.string() }),
  z.strictObject({ state: z.literal('signed-in'), ...SessionProfile.shape }),
  /** Credentials are known but signing in failed for another reason (offline, server down); the next call retries. */
  z.strictObject({ state: z.literal('error'), email: z.string(), baseUrl: z.string(), error: InboxError }),
]);
export type SessionStatus = z.infer<typeof SessionStatus>;

const NoInput = z.strictObject({});

export const sessionChannels = {
  'session:sign-in': { input: SignInRequest, output: SessionProfile },
  /** `forget` also removes the account's data kept on this computer (its cache, queued sends and media). */
  'session:sign-out': { input: z.strictObject({ forget: z.boolean().optional() }), output: SessionStatus },
  'session:status': { input: NoInput, output: SessionStatus },
  /** Starts the embedded sandbox and signs in to its demo account; nothing is saved to the keychain. */
  'session:try-sandbox': { input: NoInput, output: SessionProfile },
} as const;

export const sessionEvents = {
  'session:changed': SessionStatus,
} as const;
