/**
 * `loom show-unit` in the shape `juju show-unit` prints: the unit name → its workload version,
 * machine, opened ports, address, charm, leadership, life and `relation-info`, one entry per
 * relation with the related application's data, the unit's own (`local-unit`) and each related
 * unit's (`related-units`). Like Juju, a relation with no data at all is left out unless asked for
 * by `--endpoint`.
 */
import type { ShowUnitDocument, UnitRelationDataDocument } from '@loom/protocol';

/** Narrowing of `show-unit`, as Juju's flags. */
export interface ShowUnitOptions {
  /** Only this endpoint's relations. */
  readonly endpoint?: string;
  /** Only this related unit's data. */
  readonly relatedUnit?: string;
  /** Only the application data. */
  readonly app?: boolean;
}

interface JujuUnitRelationData {
  readonly 'in-scope': boolean;
  readonly data: Readonly<Record<string, string>>;
}

export interface JujuRelationInfo {
  readonly 'relation-id': number;
  readonly endpoint: string;
  readonly 'related-endpoint': string;
  readonly 'application-data': Readonly<Record<string, string>>;
  readonly 'local-unit'?: JujuUnitRelationData;
  readonly 'related-units'?: Readonly<Record<string, JujuUnitRelationData>>;
}

export interface JujuUnitInfo {
  readonly 'workload-version'?: string;
  readonly machine: string;
  readonly 'opened-ports': readonly string[];
  readonly 'public-address': string;
  readonly charm: string;
  readonly leader: boolean;
  readonly life: string;
  readonly 'relation-info'?: readonly JujuRelationInfo[];
}

/** `{ <unit>: info }`, as `juju show-unit --format yaml|json` prints it. */
export function jujuShowUnit(
  unit: ShowUnitDocument,
  options: ShowUnitOptions = {},
): Record<string, JujuUnitInfo> {
  const relations = unit.relations.flatMap((relation): JujuRelationInfo[] => {
    if (options.endpoint !== undefined && relation.endpoint !== options.endpoint) return [];
    const base = {
      'relation-id': relation.relationId,
      endpoint: relation.endpoint,
      'related-endpoint': relation.relatedEndpoint,
      'application-data': relation.applicationData,
    };
    if (options.app === true) return [base];
    const related = Object.entries(relation.relatedUnits).filter(
      ([name]) => options.relatedUnit === undefined || name === options.relatedUnit,
    );
    const shown: JujuRelationInfo = {
      ...base,
      ...(relation.localUnit === undefined ? {} : { 'local-unit': unitData(relation.localUnit) }),
      ...(related.length === 0
        ? {}
        : {
            'related-units': Object.fromEntries(
              related.map(([name, data]) => [name, unitData(data)]),
            ),
          }),
    };
    const empty =
      Object.keys(relation.applicationData).length === 0 &&
      related.length === 0 &&
      Object.keys(relation.localUnit?.data ?? {}).length === 0;
    return empty && options.endpoint !== relation.endpoint ? [] : [shown];
  });
  return {
    [unit.name]: {
      ...(unit.workloadVersion === '' ? {} : { 'workload-version': unit.workloadVersion }),
      machine: unit.machine,
      'opened-ports': unit.openedPorts,
      'public-address': unit.publicAddress,
      charm: unit.charmUrl,
      leader: unit.leader,
      life: unit.life,
      ...(relations.length === 0 ? {} : { 'relation-info': relations }),
    },
  };
}

function unitData(data: UnitRelationDataDocument): JujuUnitRelationData {
  return { 'in-scope': data.inScope, data: data.data };
}
