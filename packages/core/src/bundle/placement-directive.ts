/**
 * Placement directives of a bundle's `to:` (Juju's bundle placement syntax, on machines only):
 * `new`, a machine of the bundle's `machines:` (`"0"`), or beside a unit of another application
 * of the bundle (`app/1`, or `app` for the unit with the same index). Containers, zones and
 * machines of the model are Juju features Loom does not model; they are refused with a message.
 */
import { APPLICATION_NAME_PATTERN } from '../charm/names.js';

/** Where one unit goes. */
export type Placement =
  | { readonly kind: 'new' }
  | { readonly kind: 'machine'; readonly machine: string }
  | { readonly kind: 'unit'; readonly application: string; readonly index?: number };

/** A directive Loom cannot place, with why. */
export interface PlacementError {
  readonly kind: 'error';
  readonly message: string;
  readonly fix: string;
}

const MACHINE_ID = /^(0|[1-9][0-9]*)$/;
const CONTAINER_TYPES = ['lxd', 'kvm', 'lxc'];

/** Parses one directive as written in a bundle. */
export function parsePlacement(directive: string): Placement | PlacementError {
  if (directive === 'new') return { kind: 'new' };
  if (MACHINE_ID.test(directive)) return { kind: 'machine', machine: directive };
  const [scope] = directive.split(/[:/]/);
  if (scope !== undefined && CONTAINER_TYPES.includes(scope)) return noContainers(directive);
  if (/^[0-9]+\/(lxd|kvm|lxc)\//.test(directive)) return noContainers(directive);
  if (directive.includes('=')) {
    return {
      kind: 'error',
      message: `placement "${directive}": zones, subnets and system ids are not modelled by Loom`,
      fix: 'place the unit on a machine of the bundle ("0"), on "new", or beside a unit ("app/0")',
    };
  }
  const [application = '', index, ...rest] = directive.split('/');
  if (APPLICATION_NAME_PATTERN.test(application) && rest.length === 0) {
    if (index === undefined) return { kind: 'unit', application };
    if (MACHINE_ID.test(index)) return { kind: 'unit', application, index: Number(index) };
  }
  return {
    kind: 'error',
    message: `invalid placement syntax "${directive}"`,
    fix: 'write "new", a machine id of the bundle such as "0", or a unit such as "app/0"',
  };
}

function noContainers(directive: string): PlacementError {
  return {
    kind: 'error',
    message: `placement "${directive}": containers are not modelled by Loom`,
    fix: 'place the unit on a machine of the bundle ("0") or on "new"; every unit runs on a machine',
  };
}
