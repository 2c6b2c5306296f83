/**
 * HS256 JSON Web Tokens with a real `exp`, signed with a per-sandbox secret. The reference's tokens are RS256
 * (line 41); clients never verify the signature, they only carry the token and read `expires_at`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const TokenClaims = z.object({
  id: z.string(),
  enterprise_id: z.string(),
  email: z.string(),
  sub: z.string(),
  aud: z.string(),
  iss: z.string(),
  iat: z.number(),
  exp: z.number(),
  /** Serial number of the token, so "expire every token issued so far" is one comparison. */
  jti: z.number(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function signToken(claims: TokenClaims, secret: string): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'sandbox' }));
  const body = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

/** The claims of a well-formed token with a good signature, or undefined. Expiry is the caller's check. */
export function readToken(token: string, secret: string): TokenClaims | undefined {
  const [header, body, signature, extra] = token.split('.');
  if (header === undefined || body === undefined || signature === undefined || extra !== undefined) return undefined;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const parsed = TokenClaims.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
