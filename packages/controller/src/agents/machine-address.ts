/**
 * Each local machine's own loopback address (127.x.y.z), used as its units' private, public and
 * ingress address, so workloads on different machines really bind and reach each other. The
 * second octet comes from the model's uuid, the last two from the machine number.
 */
import { createHash } from 'node:crypto';

/** The addresses of a model's machines: the model's part is hashed once. */
export function machineAddresses(modelUuid: string): (machine: string) => string {
  const model = createHash('sha256').update(modelUuid).digest().readUInt32BE(0) % 254;
  return (machine) => {
    const number = Number(machine);
    return `127.${model + 1}.${Math.floor(number / 254) % 256}.${(number % 254) + 1}`;
  };
}
