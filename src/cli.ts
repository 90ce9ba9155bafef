// Declares the commands and flags, and is the only place that turns errors into exit
// codes. Each action imports its command lazily so `drill --version` loads almost nothing.

import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { type CommandContext, processContext } from "./context.js";
import {
  DrillError,
  EXIT,
  exitCodeFor,
  InterruptedError,
  incompleteInstallation,
} from "./errors.js";
import { VERSION } from "./version.js";

type Action = (ctx: CommandContext) => Promise<number | undefined>;

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError("expected a number greater than 0");
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError("expected a whole number greater than 0");
  return n;
}

function seedNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2147483646)
    throw new InvalidArgumentError("expected a whole number from 0 to 2147483646");
  return n;
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("expected a port number from 0 to 65535");
  return n;
}

const langOption = () => new Option("--lang <lang>", "language: zh or en").choices(["zh", "en"]);

export function buildProgram(ctx: CommandContext, setAction: (action: Action) => void): Command {
  const program = new Command("drill")
    .description("Run response-plan tabletop drills and write the after-action review (复盘).")
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    })
    .exitOverride();

  program
    .command("validate")
    .description("check a plan and print a summary, or every problem with file:line:col")
    .argument("<plan>", "plan file (YAML)")
    .option("--json", "print the summary and problems as JSON")
    .option("--library <file...>", "capability library files of your own, beside fema and cn")
    .action((plan: string, options) =>
      setAction(async (c) => (await import("./commands/validate.js")).validate(plan, options, c)),
    );

  program
    .command("capabilities")
    .description(
      "list a capability library (fema, cn, or a file), or which capabilities a set of plans never exercises",
    )
    .argument("[plans...]", "plans (YAML) or folders of plans: show the library's coverage by them")
    .option(
      "--library <id|file>",
      "the library: fema, cn or a library file (default: all built-in)",
    )
    .addOption(new Option("--format <format>", "md or json").choices(["md", "json"]).default("md"))
    .addOption(langOption())
    .action((plans: string[], options) =>
      setAction(async (c) =>
        (await import("./commands/capabilities.js")).capabilities(plans, options, c),
      ),
    );

  program
    .command("schema")
    .description("print the plan's JSON Schema (for editors with the YAML language server)")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option("--force", "replace an existing file")
    .option("--library <file...>", "also offer the capability ids of these library files")
    .action((options) =>
      setAction(async (c) => (await import("./commands/schema.js")).schema(options, c)),
    );

  program
    .command("init")
    .description("write a commented starter plan")
    .argument("[file]", "where to write it", "plan.yaml")
    .addOption(langOption().default("en"))
    .option("--force", "overwrite an existing file")
    .option(
      "--capabilities <library>",
      "pick the objectives' capabilities from a library (fema, cn or a file): a checklist, or --pick",
    )
    .option("--pick <ids>", "the capability ids to use, comma-separated (no checklist)")
    .action((file: string, options) =>
      setAction(async (c) => (await import("./commands/init.js")).init(file, options, c)),
    );

  program
    .command("run")
    .description("run a drill: live on the console, or from a decision script on a virtual clock")
    .argument("[plan]", "plan file (YAML); with --resume, the log's own plan is used")
    .option("--script <file>", "decision script (YAML): run without prompts on a virtual clock")
    .option("--log <file>", "log file to write (default: drills/<plan>-<start>.jsonl)")
    .option("--resume <log>", "continue an interrupted drill, appending to its log")
    .option("--speed <n>", "scenario minutes per real minute", positiveNumber)
    .addOption(langOption())
    .option("--report <file>", "write the after-action report when the drill ends")
    .option("--start-time <iso>", "wall-clock start of a scripted run (for reproducible logs)")
    .option("--transcript <file>", "append a plain-text copy of what the console shows and logs")
    .option(
      "--pause-on-entry",
      "stop the drill clock while an entry or the Ctrl-C menu is open (default above ×10)",
    )
    .option("--no-pause-on-entry", "keep the drill clock running during entries")
    .option("--force", "replace an existing --report file")
    .option("--sign <private-key>", "sign the log's seals with this key (drill keygen)")
    .option(
      "--unannounced",
      "unannounced drill (不打招呼): inject times move within the plan's `jitter` (default 15m), upcoming injects are hidden",
    )
    .option(
      "--seed <n>",
      "seed of an unannounced drill's times (default: from the start time)",
      seedNumber,
    )
    .option(
      "--room",
      "open the room: a board for the projector, a seat for each group and evaluator",
    )
    .option("--host <address>", "where the room listens (default 127.0.0.1: this machine only)")
    .option(
      "--port <n>",
      "the room's port (default: the resumed room's, else any free one)",
      portNumber,
    )
    .action((plan: string | undefined, options) =>
      setAction(async (c) => (await import("./commands/run.js")).run(plan, options, c)),
    );

  program
    .command("verify")
    .description("check a log's hash chain, structure and seal (exit 3: not ended or cut short)")
    .argument("<log>", "drill log (.jsonl)")
    .option("--json", "print the result as JSON")
    .option("--allow-open", "accept a log whose drill has not ended (exit 0 instead of 3)")
    .option("--head <hash>", "check the log holds this head hash (noted when the drill ended)")
    .option("--key <public-key>", "check the seals' signatures against this public key")
    .action((log: string, options) =>
      setAction(async (c) => (await import("./commands/verify.js")).verify(log, options, c)),
    );

  program
    .command("keygen")
    .description("write an Ed25519 key pair for signing drill logs (drill run --sign)")
    .argument("[file]", "private key file; the public key goes to <file>.pub", "drill-key")
    .option("--force", "replace existing key files")
    .action((file: string, options) =>
      setAction(async (c) => (await import("./commands/keygen.js")).keygen(file, options, c)),
    );

  program
    .command("log")
    .description("print a drill log as a readable timeline")
    .argument("<log>", "drill log (.jsonl)")
    .option("--json", "print the raw events")
    .addOption(langOption())
    .action((log: string, options) =>
      setAction(async (c) => (await import("./commands/log.js")).log(log, options, c)),
    );

  program
    .command("review")
    .description(
      "write the after-action report: timeline, bottlenecks, gaps, ratings, improvement plan",
    )
    .argument("<log>", "drill log (.jsonl)")
    .addOption(langOption())
    .addOption(
      new Option(
        "--format <format>",
        "md, json, docx (Word) or html (default: from --out's extension, else md)",
      ).choices(["md", "json", "docx", "html"]),
    )
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option("--organiser <name>", "who ran the drill, for the cover of a docx or html report")
    .option("--plan <file>", "re-score against another (revised) plan")
    .option("--force", "replace an existing report file")
    .option(
      "--ledger <file>",
      "apply the drill to a rectification ledger (YAML; created if missing)",
    )
    .action((log: string, options) =>
      setAction(async (c) => (await import("./commands/review.js")).review(log, options, c)),
    );

  program
    .command("replay")
    .description("regenerate reports for many logs and compare the drills over time")
    .argument("<paths...>", "logs or folders (searched recursively for *.jsonl)")
    .requiredOption("-o, --out <dir>", "folder for the reports and the summary")
    .option("--plan <file>", "re-score every log against a revised plan")
    .option(
      "-j, --jobs <n>",
      "logs processed in parallel (default: number of cores)",
      positiveInteger,
    )
    .addOption(langOption())
    .addOption(
      new Option(
        "--format <format>",
        "md; json adds JSON Lines; docx (Word) or html adds the summary in that format",
      )
        .choices(["md", "json", "docx", "html"])
        .default("md"),
    )
    .option("--organiser <name>", "who ran the drills, for the cover of a docx or html summary")
    .option("-q, --quiet", "no progress bar")
    .option("--force", "replace reports and summaries already in the output folder")
    .option("--ledger <file>", "apply the drills, oldest first, to a rectification ledger (YAML)")
    .action((paths: string[], options) =>
      setAction(async (c) => (await import("./commands/replay.js")).replay(paths, options, c)),
    );

  const ledger = program
    .command("ledger")
    .description("the rectification ledger (整改台账): improvement items, owners, due dates, 销号");
  const ledgerFile = () =>
    new Option("-l, --ledger <file>", "the ledger file (YAML)").default("ledger.yaml");
  ledger
    .command("status")
    .description("open items by owner, overdue ones, what each drill verified, what awaits a drill")
    .addOption(ledgerFile())
    .addOption(langOption())
    .addOption(
      new Option("--format <format>", "table (terminal), md, json, or xlsx (the office form)")
        .choices(["table", "md", "json", "xlsx"])
        .default("table"),
    )
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option("--as-of <date>", "judge due dates as of this day (YYYY-MM-DD; default today)")
    .option("--force", "replace an existing file")
    .action((options) =>
      setAction(async (c) =>
        (await import("./commands/ledger/status.js")).ledgerStatusCommand(options, c),
      ),
    );
  ledger
    .command("set")
    .description("set an item's status, owner group, person responsible, due date or action")
    .argument("<id>", "the item (R1, R2…)")
    .addOption(ledgerFile())
    .addOption(langOption())
    .option("--status <status>", "open, in-progress, done-claimed, reopened or dropped")
    .option("--reason <text>", "why it is dropped")
    .option("--owner <group>", "the responsible group (责任单位)")
    .option("--person <name>", "the person responsible (责任人)")
    .option("--due <date>", "due date, YYYY-MM-DD (完成时限); empty to clear")
    .option("--action <text>", "the corrective action (整改措施)")
    .action((id: string, options) =>
      setAction(async (c) =>
        (await import("./commands/ledger/set.js")).ledgerSetCommand(id, options, c),
      ),
    );
  ledger
    .command("export")
    .description("write the ledger as the office form (xlsx or csv) to fill in")
    .argument("<file>", "sheet to write (.xlsx or .csv)")
    .addOption(ledgerFile())
    .addOption(langOption())
    .option("--force", "replace an existing file")
    .action((file: string, options) =>
      setAction(async (c) =>
        (await import("./commands/ledger/export.js")).ledgerExportCommand(file, options, c),
      ),
    );
  ledger
    .command("import")
    .description("read the filled-in form (xlsx or csv) back into the ledger")
    .argument("<file>", "sheet to read (.xlsx or .csv)")
    .addOption(ledgerFile())
    .addOption(langOption())
    .action((file: string, options) =>
      setAction(async (c) =>
        (await import("./commands/ledger/import.js")).ledgerImportCommand(file, options, c),
      ),
    );

  // Replay's worker: the CLI itself, so the single executable needs no separate file.
  program
    .command("__replay-worker", { hidden: true })
    .action(() => setAction(async (c) => (await import("./commands/replay.js")).replayWorker(c)));

  program
    .command("compare")
    .description("compare two drills")
    .argument("<a>", "earlier drill log")
    .argument("<b>", "later drill log")
    .addOption(langOption())
    .addOption(
      new Option("--format <format>", "text, md or json")
        .choices(["text", "md", "json"])
        .default("text"),
    )
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option("--force", "replace an existing file")
    .action((a: string, b: string, options) =>
      setAction(async (c) => (await import("./commands/compare.js")).compare(a, b, options, c)),
    );

  program
    .command("import")
    .description("turn a MSEL spreadsheet (.xlsx or .csv) into a plan")
    .argument("<file>", "spreadsheet")
    .option(
      "--sheet <name>",
      "sheet to read (default: the one that looks most like a MSEL); repeat to merge several",
      (name: string, names: string[] = []) => [...names, name],
    )
    .option("--sheets <all>", "`all`: merge every visible sheet that holds a MSEL")
    .option("--map <file>", "column mapping (YAML) overriding the guesses")
    .option("-o, --out <file>", "plan file to write (default: standard output)")
    .option("--dry-run", "print what it would read, assume and leave out, and stop")
    .option("--keep-status", "keep rows whose status says Omitted, Deleted, Cancelled…")
    .option("--force", "overwrite an existing plan file")
    .action((file: string, options) =>
      setAction(async (c) => (await import("./commands/import.js")).importMsel(file, options, c)),
    );

  program
    .command("export")
    .description(
      "export a plan as a MSEL, a drill's decisions and results (.xlsx, .csv), or drills as OCEL 2.0 and XES",
    )
    .argument(
      "<sources...>",
      "plan (YAML) or drill log (.jsonl); for --ocel/--xes, logs or folders",
    )
    .option("--msel <file>", "write the plan as a MSEL")
    .option("--decisions <file>", "write the log's decisions, notes and results")
    .option("--ocel <file>", "write the drills as an OCEL 2.0 event log (JSON)")
    .option("--xes <file>", "write the drills as an XES event log")
    .addOption(
      new Option(
        "--xes-case <case>",
        "an XES trace per drill, or per expected action of each drill",
      ).choices(["drill", "expectation"]),
    )
    .option("--force", "overwrite existing files")
    .action((sources: string[], options) =>
      setAction(async (c) =>
        (await import("./commands/export.js")).exportFile(sources, options, c),
      ),
    );

  program
    .command("demo")
    .description("run the Chinese example end to end: a scripted drill, then its report")
    .option("--dir <dir>", "where to write the log and report", "drill-demo")
    .action((options) =>
      setAction(async (c) => (await import("./commands/demo.js")).demo(options, c)),
    );

  program
    .command("room-demo")
    .description(
      "run the Chinese example live with the room open: a board and two simulated group seats",
    )
    .option("--dir <dir>", "where to write the plan, the log and the room file", "drill-room-demo")
    .option("--host <address>", "where the room listens (default 127.0.0.1: this machine only)")
    .option("--port <n>", "the room's port (default: any free one)", portNumber)
    .option("--speed <n>", "scenario minutes per real minute (default 20)", positiveNumber)
    .action((options) =>
      setAction(async (c) => (await import("./commands/room-demo.js")).roomDemo(options, c)),
    );

  program
    .command("completion")
    .description("print shell completion for bash or zsh")
    .addArgument(new Argument("<shell>", "bash or zsh").choices(["bash", "zsh"]))
    .action((shell: string) =>
      setAction(async (c) =>
        (await import("./commands/completion.js")).completion(shell, program, c),
      ),
    );

  return program;
}

/** Entry point: parses argv, runs the command, prints errors, sets the exit code. */
export async function main(
  argv: string[],
  ctx: CommandContext = processContext(),
): Promise<number> {
  let action: Action | undefined;
  const program = buildProgram(ctx, (a) => {
    action = a;
  });
  // Whoever reads our output may go away (`drill log x.jsonl | head`): stop at once and
  // quietly, as a program killed by SIGPIPE would (Node ignores that signal).
  const onStreamError = (error: unknown) => {
    if (!isClosedPipe(error)) throw error;
    process.exit(process.exitCode ?? EXIT.ok);
  };
  process.stdout.on("error", onStreamError);
  process.stderr.on("error", onStreamError);
  let code: number;
  try {
    if (argv.length <= 2) {
      action = async (c) => (await import("./commands/intro.js")).intro(program, c);
    } else {
      await program.parseAsync(argv);
    }
    code = action ? ((await action(ctx)) ?? EXIT.ok) : EXIT.ok;
  } catch (error) {
    code = report(error, ctx);
  }
  process.exitCode = code;
  return code;
}

function isClosedPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EPIPE";
}

function report(error: unknown, ctx: CommandContext): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (with a suggestion where it has one).
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
      return EXIT.ok;
    if (error.code === "commander.help") return EXIT.ok;
    ctx.stderr.write(`Run \`${ctx.program ?? "drill"} --help\` for the commands and flags.\n`);
    return EXIT.usage;
  }
  if (isClosedPipe(error)) return EXIT.ok;
  if (error instanceof InterruptedError) {
    // Leaving with Ctrl-C is what the facilitator asked for, not a failure to label `error:`.
    ctx.stderr.write(`${error.message}${error.hint ? `\n  ${error.hint}` : ""}\n`);
    return exitCodeFor(error);
  }
  if (error instanceof DrillError) {
    if (!error.reported) ctx.stderr.write(`${error.describe()}\n`);
    return exitCodeFor(error);
  }
  const incomplete = incompleteInstallation(error);
  if (incomplete) {
    ctx.stderr.write(incomplete);
    return EXIT.failed;
  }
  // A bug, not bad input: say so plainly, with the stack for the report.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  ctx.stderr.write(`drill: internal error (please report it): ${detail}\n`);
  return EXIT.failed;
}
