/**
 * Sign-in (lines 23-85): the configured accounts' email and password for a token with a real expiry.
 */
import { z } from 'zod';
import { ApiError } from '../api-error';
import type { Api } from '../http';
import { signToken } from '../jwt';
import type { SandboxRuntime } from '../runtime';
import type { Enterprise } from '../store';
import { parseInput } from '../validation';

const LoginSchema = z.object({ email: z.email(), password: z.string().min(1) });

export function issueToken(runtime: SandboxRuntime, enterprise: Enterprise): { token: string; expires_at: number } {
  const issuedAt = Math.floor(runtime.clock.now() / 1000);
  const expiresAt = issuedAt + runtime.options.tokenLifetimeSeconds;
  const token = signToken(
    {
      id: enterprise.userId,
      enterprise_id: enterprise.id,
      email: enterprise.email,
      sub: 'api',
      aud: 'anon',
      iss: 'omni',
      iat: issuedAt,
      exp: expiresAt,
      jti: runtime.tokens.next++,
    },
    runtime.secret,
  );
  return { token, expires_at: expiresAt };
}

export function registerAuthRoutes(api: Api): void {
  api.publicRoute('auth.login', ({ runtime, body }) => {
    const input = parseInput(LoginSchema, body);
    const enterprise = runtime.store.enterpriseByEmail(input.email);
    if (enterprise === undefined || enterprise.password !== input.password) {
      throw new ApiError(401, 'Unauthorized', 'Wrong email or password');
    }
    return { body: issueToken(runtime, enterprise) };
  });
}
