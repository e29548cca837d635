/**
 * `loom status <selector...>`: a model's status narrowed, as `juju status` narrows it, to the
 * applications and units the selectors name (`db`, `db/0`, `web*`): an application brings its
 * units, a unit its application and subordinates, and what remains brings the machines it runs on
 * and the relations between what is shown.
 */
import { applicationOfUnit } from '@loom/core';
import type { StatusDocument } from '@loom/protocol';

/** `status` narrowed to `selectors`; all of it when there are none. */
export function filterStatus(status: StatusDocument, selectors: readonly string[]): StatusDocument {
  if (selectors.length === 0) return status;
  const patterns = selectors.map(globPattern);
  const matches = (name: string) => patterns.some((pattern) => pattern.test(name));
  const units = new Set<string>();
  for (const application of status.applications)
    if (matches(application.name)) for (const unit of application.units) units.add(unit);
  for (const unit of status.units) if (matches(unit.name)) units.add(unit.name);
  for (const unit of status.units)
    if (units.has(unit.name)) for (const subordinate of unit.subordinates) units.add(subordinate);
  const applications = new Set(
    status.applications
      .filter((application) => matches(application.name))
      .map((application) => application.name),
  );
  for (const unit of units) applications.add(applicationOfUnit(unit));
  // A SAAS or offer shows when named, or with an application related to it.
  const saas = new Set(status.saas.filter((remote) => matches(remote.name)).map((r) => r.name));
  for (const relation of status.relations) {
    const names = relation.endpoints.map((endpoint) => endpoint.application);
    if (names.some((name) => applications.has(name)))
      for (const name of names)
        if (status.saas.some((remote) => remote.name === name)) saas.add(name);
  }
  const machines = new Set(
    status.units.filter((unit) => units.has(unit.name)).map((unit) => unit.machine),
  );
  return {
    model: status.model,
    machines: status.machines.filter((machine) => machines.has(machine.id)),
    applications: status.applications.filter((application) => applications.has(application.name)),
    units: status.units.filter((unit) => units.has(unit.name)),
    relations: status.relations.filter((relation) =>
      relation.endpoints.every(
        (endpoint) => applications.has(endpoint.application) || saas.has(endpoint.application),
      ),
    ),
    saas: status.saas.filter((remote) => saas.has(remote.name)),
    offers: status.offers.filter(
      (offered) => matches(offered.name) || applications.has(offered.application),
    ),
  };
}

/** A selector as a whole-name pattern: `*` matches any run of characters. */
function globPattern(selector: string): RegExp {
  const escaped = selector
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}
