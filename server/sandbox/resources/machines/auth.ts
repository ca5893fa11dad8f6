import type { FastifyRequest } from "fastify";
import type { AlternateBearer } from "../../core/route-auth";
import { instanceById } from "../../tenancy/instances";
import { type MachineRow, machineBySecretKey } from "./repo";

/** The machine whose secret key authenticated a request, when it was not the instance's key. */
const callers = new WeakMap<FastifyRequest, MachineRow>();

export const machineSecretKeyAuth: AlternateBearer = (sb, request, token) => {
  const machine = machineBySecretKey(sb, token);
  if (!machine) return undefined;
  callers.set(request, machine);
  return instanceById(sb, machine.instance_id);
};

export function callingMachine(request: FastifyRequest): MachineRow | undefined {
  return callers.get(request);
}
