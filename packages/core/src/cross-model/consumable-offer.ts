/** An offer as a consuming model sees it (R8.2): its URL, application and offered endpoints. */
import type { RemoteEndpoint } from '../model/entities.js';
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
  const application =
    offered === undefined ? undefined : state.applications.get(offered.application);
  if (offered === undefined || application === undefined) return undefined;
  const endpoints: RemoteEndpoint[] = [];
  for (const endpoint of application.charm.endpoints) {
    if (!offered.endpoints.includes(endpoint.name) || endpoint.role === 'peer') continue;
    endpoints.push({ name: endpoint.name, role: endpoint.role, interface: endpoint.interface });
  }
  return { url, model: state.name, name, application: offered.application, endpoints };
}
