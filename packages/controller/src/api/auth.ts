/** Every call carries the controller's token: `Authorization: Bearer <token>`. */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Whether a request carries the token (compared in constant time). */
export function authorized(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** What an unauthenticated caller is told. */
export const UNAUTHORIZED_MESSAGE =
  'missing or wrong API token: send "Authorization: Bearer <token>" with the token from the api-token file in LOOM_HOME';
