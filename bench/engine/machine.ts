/** Facts about the machine and its load, printed around a benchmark run (the machine may be shared). */

import os from "node:os";

export function machineFacts(): string {
  const cpus = os.cpus();
  return [
    `node ${process.version} (V8 ${process.versions.v8})`,
    `${process.platform}/${process.arch}`,
    `${cpus.length} cores (${cpus[0]?.model ?? "?"})`,
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
  ].join(", ");
}

/** The 1-minute load average: above the core count, other work competed for the CPU. */
export function loadAverage(): string {
  return `load average (1 min) ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`;
}
