/**
 * Offer URLs (R8.1): `[<controller>:][<user>/]<model>.<offer-name>`. Parsing keeps what was
 * written; `formatOfferUrl` writes the canonical `<user>/<model>.<offer>` form `offers` shows.
 */
import type { Refusal } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';

/** The parts of an offer URL. */
export interface OfferUrl {
  readonly controller?: string;
  readonly user?: string;
  readonly model: string;
  readonly offer: string;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const USER = /^[a-zA-Z0-9][a-zA-Z0-9.+-]*$/;

/** True if `text` looks like an offer URL rather than an application name (it has a `.`). */
export function looksLikeOfferUrl(text: string): boolean {
  return text.includes('.');
}

/**
 * Parses an offer URL.
 *
 * @example
 * parseOfferUrl('admin/prod.pgsql'); // { user: 'admin', model: 'prod', offer: 'pgsql' }
 */
export function parseOfferUrl(text: string): OfferUrl | Refusal {
  const invalid = refuse(
    'not-valid',
    `offer URL "${text}" is not valid: expected [<controller>:][<user>/]<model>.<offer-name>`,
  );
  let rest = text;
  let controller: string | undefined;
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    controller = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
    if (!NAME.test(controller)) return invalid;
  }
  let user: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    user = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
    if (!USER.test(user)) return invalid;
  }
  const dot = rest.indexOf('.');
  if (dot === -1) return invalid;
  const model = rest.slice(0, dot);
  const offer = rest.slice(dot + 1);
  if (!NAME.test(model) || !NAME.test(offer)) return invalid;
  return {
    ...(controller === undefined ? {} : { controller }),
    ...(user === undefined ? {} : { user }),
    model,
    offer,
  };
}

/** `<user>/<model>.<offer>`, with `<controller>:` in front when given. */
export function formatOfferUrl(url: OfferUrl, user = 'admin'): string {
  const prefix = url.controller === undefined ? '' : `${url.controller}:`;
  return `${prefix}${url.user ?? user}/${url.model}.${url.offer}`;
}
