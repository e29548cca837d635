/** An offer as a consuming model sees it (R8.2): its URL, application and offered endpoints. */
import type { Offer, RemoteEndpoint } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import type { ConsumedOffer } from '../operations/consume.js';

/**
 * What `consume` needs of offer `name` in the offering model `state`, or undefined when there is
 * no such offer. `url` is the offer's canonical URL.
 */
export function consumableOffer(
  state: ModelState,
  name: string,
  url: string,
): ConsumedOffer | undefined {
  const offered = state.offers.get(name);
  if (offered === undefined || !state.applications.has(offered.application)) return undefined;
  return {
    url,
    model: state.name,
    name,
    application: offered.application,
    endpoints: offeredEndpoints(state, offered),
  };
}

/** The endpoints an offer publishes, as a consumer sees them, in the charm's order. */
export function offeredEndpoints(state: ModelState, offered: Offer): RemoteEndpoint[] {
  const endpoints: RemoteEndpoint[] = [];
  for (const endpoint of state.applications.get(offered.application)?.charm.endpoints ?? []) {
    if (!offered.endpoints.includes(endpoint.name) || endpoint.role === 'peer') continue;
    endpoints.push({ name: endpoint.name, role: endpoint.role, interface: endpoint.interface });
  }
  return endpoints;
}
