/**
 * What the consuming model tells the offering model to register a relation (R8.3): the offer,
 * the offered endpoint, and the consuming application with its endpoint and token.
 */
import type { ModelState } from '../model/model-state.js';
import type { RemoteRelationRegistration } from '../operations/remote-relation.js';

/**
 * The registration a consuming model's relation still needs, or undefined when it needs none
 * (not cross-model, already registered, or no longer alive). `token` names the consuming
 * application's token (32 hex digits), stable for the model and application.
 */
export function pendingRegistration(
  state: ModelState,
  relationId: number,
  token: (application: string) => string,
): RemoteRelationRegistration | undefined {
  const relation = state.relations.get(relationId);
  const link = relation?.crossModel;
  if (relation === undefined || link === undefined || link.relationId !== undefined)
    return undefined;
  if (link.offer !== undefined || relation.life !== 'alive') return undefined;
  const saas = state.remoteApplications.get(link.remoteApplication);
  const remote = relation.endpoints.find((e) => e.application === link.remoteApplication);
  const local = relation.endpoints.find((e) => e.application !== link.remoteApplication);
  if (saas?.kind !== 'saas' || remote === undefined || local === undefined) return undefined;
  if (local.role === 'peer') return undefined;
  return {
    offer: saas.offer,
    endpoint: remote.name,
    consumer: {
      model: state.name,
      token: token(local.application),
      application: local.application,
      endpoint: { name: local.name, role: local.role, interface: local.interface },
    },
    relationId,
  };
}
