// `drill export <logs or folders…> --ocel <file> --xes <file>`: drills in the open formats
// process-mining tools read (src/open-formats/). Logs are read one at a time and written as
// they are read, so a folder of a thousand logs needs the memory of its largest log only;
// OCEL's objects, which follow all events in the file, wait in a scratch file beside it.

import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import type { CommandContext } from "../context.js";
import { CheckFailedError, DrillError, formatLocation, UsageError } from "../errors.js";
import { readLog } from "../log/reader.js";
import { drillRecord } from "../open-formats/drill-record.js";
import { OcelWriter } from "../open-formats/ocel.js";
import { XES_CASES, type XesCase, XesWriter } from "../open-formats/xes.js";
import { type ChunkSink, fileError, type WriteOutputOptions, writeOutput } from "../output.js";
import { findLogs } from "../replay/discover.js";
import { openScratch, removeScratch, type ScratchFile } from "../scratch-file.js";
import { VERSION } from "../version.js";

export interface OpenFormatOptions {
  ocel?: string;
  xes?: string;
  /** What an XES trace is: a drill (default) or an expected action of a drill. */
  xesCase?: string;
  force?: boolean;
}

interface Failure {
  where: string;
  message: string;
}

export async function exportOpenFormats(
  sources: string[],
  options: OpenFormatOptions,
  ctx: CommandContext,
): Promise<number> {
  const xesCase = (options.xesCase ?? "drill") as XesCase;
  if (!XES_CASES.includes(xesCase))
    throw new UsageError(`unknown --xes-case ${options.xesCase}`, {
      hint: "--xes-case drill (one trace per drill) or expectation (one per expected action)",
    });
  if (options.xesCase && !options.xes)
    throw new UsageError("--xes-case goes with --xes", {
      hint: "e.g. --xes drills.xes --xes-case expectation",
    });
  if (
    options.ocel &&
    options.xes &&
    resolve(ctx.cwd, options.ocel) === resolve(ctx.cwd, options.xes)
  )
    throw new UsageError("--ocel and --xes name the same file", { hint: "give each its own file" });

  const { logs } = await findLogs(sources, { cwd: ctx.cwd });
  if (logs.length === 0)
    throw new UsageError(`no drill logs (*.jsonl) in ${sources.join(", ")}`, {
      hint: "give drill logs or folders that hold them",
    });

  const tool = `drillbook ${VERSION}`;
  const ocel = options.ocel ? new OcelWriter() : undefined;
  const xes = options.xes ? new XesWriter(xesCase, tool) : undefined;
  const failures: Failure[] = [];
  let drills = 0;

  const exportAll = async (ocelSink?: ChunkSink, xesSink?: ChunkSink): Promise<void> => {
    const spool =
      ocel && options.ocel ? await Spool.beside(resolve(ctx.cwd, options.ocel)) : undefined;
    try {
      if (ocel && ocelSink) await ocelSink(ocel.head());
      for (const log of logs) {
        let record: ReturnType<typeof drillRecord>;
        try {
          const read = await readLog(log.path, { name: log.name });
          for (const warning of read.warnings)
            ctx.stderr.write(`${formatLocation(warning.location)}: warning: ${warning.message}\n`);
          record = drillRecord(log.name, read.header, read.events);
        } catch (error) {
          if (!(error instanceof DrillError)) throw error;
          failures.push({
            where: error.location ? formatLocation(error.location) : log.name,
            message: error.message,
          });
          continue;
        }
        drills++;
        if (ocel && ocelSink && spool) {
          for (const part of ocel.drillEvents(record)) await ocelSink(part);
          for (const part of ocel.drillObjects(record)) await spool.write(part);
        }
        if (xes && xesSink) {
          for (const part of xes.drill(record)) await xesSink(part);
          await xesSink(xes.take());
        }
      }
      if (ocel && ocelSink && spool) {
        await ocelSink(ocel.middle());
        for await (const chunk of spool.read()) await ocelSink(chunk);
        await ocelSink(ocel.tail());
      }
      if (xes && xesSink) {
        xes.end();
        await xesSink(xes.take());
      }
    } finally {
      await spool?.remove();
    }
  };

  // The output rule (src/output.ts): never one of the logs read, never an existing file
  // without --force.
  const force: WriteOutputOptions = {
    force: options.force ?? false,
    inputs: logs.map((log) => ({ path: log.path, shown: log.name, what: "a log" })),
  };
  const withXes = (ocelSink?: ChunkSink) =>
    options.xes
      ? writeOutput(
          resolve(ctx.cwd, options.xes),
          options.xes,
          (xesSink) => exportAll(ocelSink, xesSink),
          force,
        )
      : exportAll(ocelSink);
  if (options.ocel) await writeOutput(resolve(ctx.cwd, options.ocel), options.ocel, withXes, force);
  else await withXes();

  if (ocel && options.ocel)
    ctx.stdout.write(
      `wrote ${options.ocel}: ${drills} drill(s), ${ocel.eventCount} event(s), ${ocel.objectCount} object(s) (OCEL 2.0)\n`,
    );
  if (xes && options.xes)
    ctx.stdout.write(
      `wrote ${options.xes}: ${xes.traces} trace(s), one per ${xesCase}, ${xes.events} event(s) (XES)\n`,
    );
  for (const failure of failures) ctx.stderr.write(`${failure.where}: error: ${failure.message}\n`);
  if (failures.length > 0)
    throw new CheckFailedError(`${failures.length} of ${logs.length} logs could not be read`, {
      hint: "the others were exported; fix or leave out the logs named above",
    });
  return 0;
}

/** Text kept in a scratch file beside the output (src/scratch-file.ts), then read back once, in order. */
class Spool {
  private constructor(
    private readonly scratch: ScratchFile,
    private readonly shown: string,
  ) {}

  static async beside(target: string): Promise<Spool> {
    const path = join(dirname(target), `.${randomBytes(4).toString("hex")}.ocel-objects.partial`);
    const scratch = await openScratch(path).catch((error: unknown) => {
      throw fileError(error, { shown: target });
    });
    return new Spool(scratch, target);
  }

  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    await this.scratch.handle.write(text).catch((error: unknown) => {
      throw fileError(error, { shown: this.shown });
    });
  }

  /** The text written, from the start, through the open handle. */
  async *read(): AsyncGenerator<Buffer> {
    yield* this.scratch.handle.createReadStream({
      start: 0,
      autoClose: false,
      highWaterMark: 1 << 16,
    });
  }

  async remove(): Promise<void> {
    await removeScratch(this.scratch);
  }
}
