// `drill completion bash|zsh`: shell completion generated from the commander program
// itself (commands, flags, choices), so it cannot drift from src/cli.ts.
import type { Command, Help, Option } from "commander";
import type { CommandContext } from "../context.js";
import { UsageError } from "../errors.js";

export const SHELLS = ["bash", "zsh"] as const;
export type Shell = (typeof SHELLS)[number];

export interface OptionSpec {
  /** `-o`, `--out`. */
  flags: string[];
  description: string;
  takesValue: boolean;
  /** The placeholder in the flags: `file` in `--out <file>`. */
  valueName?: string;
  choices?: string[];
}

export interface ArgumentSpec {
  name: string;
  required: boolean;
  variadic: boolean;
  /** Otherwise a file name. */
  choices?: string[];
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  arguments: ArgumentSpec[];
  /** Its own commands (`drill ledger set`), and help; empty for most. */
  commands: CommandSpec[];
}

export interface CompletionSpec {
  program: string;
  options: OptionSpec[];
  commands: CommandSpec[];
}

/** What the shells need to know, read from the program through commander's public API. */
export function completionSpec(program: Command): CompletionSpec {
  const help = program.createHelp();
  return {
    program: program.name(),
    options: help.visibleOptions(program).map(optionSpec),
    commands: commandSpecs(program, help),
  };
}

/** The visible commands of `parent`, each with its own. */
function commandSpecs(parent: Command, help: Help): CommandSpec[] {
  const visible = help.visibleCommands(parent);
  const names = visible.map((cmd) => cmd.name()).filter((name) => name !== "help");
  return visible.map((cmd): CommandSpec => {
    const isHelp = cmd.name() === "help" && cmd.registeredArguments.length <= 1;
    return {
      name: cmd.name(),
      description: cmd.description(),
      options: help.visibleOptions(cmd).map(optionSpec),
      arguments: cmd.registeredArguments.map((arg) => {
        // `help <command>` completes the names of its siblings.
        const choices = isHelp ? names : arg.argChoices;
        return {
          name: arg.name(),
          required: arg.required,
          variadic: arg.variadic,
          ...(choices ? { choices: [...choices] } : {}),
        };
      }),
      commands: isHelp || cmd.commands.length === 0 ? [] : commandSpecs(cmd, help),
    };
  });
}

function optionSpec(option: Option): OptionSpec {
  const valueName = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1];
  return {
    flags: [option.short, option.long].filter((flag): flag is string => flag !== undefined),
    description: option.description,
    takesValue: option.required || option.optional,
    ...(valueName ? { valueName } : {}),
    ...(option.argChoices ? { choices: [...option.argChoices] } : {}),
  };
}

/**
 * Values and arguments that are not paths (`--speed <n>`, `--owner <group>`, `--due <date>`,
 * an item's `<id>`) get no file names; any other completes as a file.
 */
const NOT_PATHS = new Set([
  "n",
  "iso",
  "name",
  "value",
  "text",
  "group",
  "date",
  "status",
  "address",
  "hash",
  "ids",
  "id",
  "all",
]);

/** Words are pasted into the scripts unquoted; refuse anything a shell would read twice. */
function word(text: string): string {
  if (!/^[\w.,:@%+=-]+$/.test(text))
    throw new Error(`cannot put ${JSON.stringify(text)} in a completion script`);
  return text;
}

const words = (list: readonly string[]) => list.map(word).join(" ");

/**
 * A bash function for `complete -F`. Words that take no special completion (plans, logs,
 * output files) are left to bash's file-name completion (`-o default`).
 */
export function renderBash(spec: CompletionSpec): string {
  const fn = `_${word(spec.program).replace(/[^\w]/g, "_")}`;
  const cases: string[] = [];
  const valueCases: string[] = [];
  const branches: Array<{
    name: string;
    options: OptionSpec[];
    positionals: string[];
    /** The places of the arguments that are not file names (an item's id). */
    notPaths: number[];
  }> = [
    {
      name: "",
      options: spec.options,
      positionals: [words(spec.commands.map((c) => c.name))],
      notPaths: [],
    },
  ];
  /** Commands with commands of their own: the word after one names its command. */
  const parents: string[] = [];
  const visit = (cmd: CommandSpec, path: string) => {
    const name = path ? `${path} ${word(cmd.name)}` : word(cmd.name);
    if (cmd.commands.length > 0) parents.push(name);
    branches.push({
      name,
      options: cmd.options,
      positionals:
        cmd.commands.length > 0
          ? [words(cmd.commands.map((c) => c.name))]
          : cmd.arguments.map((arg) => words(arg.choices ?? [])),
      notPaths:
        cmd.commands.length > 0
          ? []
          : cmd.arguments.flatMap((arg, i) => (!arg.choices && NOT_PATHS.has(arg.name) ? [i] : [])),
    });
    for (const sub of cmd.commands) visit(sub, name);
  };
  for (const cmd of spec.commands) visit(cmd, "");
  for (const branch of branches) {
    const all = branch.options.flatMap((o) => o.flags);
    const values = branch.options.filter((o) => o.takesValue).flatMap((o) => o.flags);
    const positionals = branch.positionals.map((p) => `'${p}'`).join(" ");
    cases.push(
      `    '${branch.name}') options='${words(all)}' values='${words(values)}' positionals=(${positionals}) notPaths='${branch.notPaths.join(" ")}' ;;`,
    );
    for (const option of branch.options.filter((o) => o.takesValue)) {
      const patterns = option.flags.map((flag) => `'${branch.name} ${word(flag)}'`).join("|");
      if (option.choices)
        valueCases.push(`      ${patterns}) choices='${words(option.choices)}' ;;`);
      else if (NOT_PATHS.has(option.valueName ?? "value"))
        valueCases.push(`      ${patterns}) compopt +o default 2>/dev/null ;;`);
    }
  }
  return `# bash completion for ${spec.program}, generated by \`${spec.program} completion bash\` from its commands and flags.
# Install: mkdir -p ~/.local/share/bash-completion/completions
#          ${spec.program} completion bash > ~/.local/share/bash-completion/completions/${spec.program}
#      or: echo 'source <(${spec.program} completion bash)' >> ~/.bashrc
${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD - 1]}
  # \`--lang=z\` arrives as \`--lang\` \`=\` \`z\`: COMP_WORDBREAKS holds "=".
  if [[ $prev == "=" && $COMP_CWORD -gt 1 ]]; then prev=\${COMP_WORDS[COMP_CWORD - 2]}; fi
  if [[ $cur == "=" ]]; then cur=""; fi
  # The command, and the command's command when it has some (\`ledger set\`).
  local command="" start=1 i
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ \${COMP_WORDS[i]} != -* ]]; then
      command=\${command:+$command }\${COMP_WORDS[i]}
      start=$((i + 1))
      case $command in
${parents.map((p) => `        '${p}') ;;`).join("\n")}
        *) break ;;
      esac
    fi
  done
  local options values notPaths
  local -a positionals
  case $command in
${cases.join("\n")}
    *) return ;;
  esac
  # The word after a flag that takes a value: its choices, nothing for a number or a text,
  # else a file name.
  if [[ " $values " == *" $prev "* ]]; then
    local choices=""
    case "$command $prev" in
${valueCases.join("\n")}
    esac
    if [[ -n $choices ]]; then COMPREPLY=($(compgen -W "$choices" -- "$cur")); fi
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    return
  fi
  # Which positional argument this is: count the words before it that are not flags or flag values.
  local n=0 word
  for ((i = start; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if [[ " $values " == *" $word "* ]]; then
      i=$((i + 1))
      if [[ \${COMP_WORDS[i]} == "=" ]]; then i=$((i + 1)); fi
    elif [[ $word != -* ]]; then
      n=$((n + 1))
    fi
  done
  if [[ -n \${positionals[n]} ]]; then
    COMPREPLY=($(compgen -W "\${positionals[n]}" -- "$cur"))
  elif [[ " $notPaths " == *" $n "* ]]; then
    compopt +o default 2>/dev/null
  fi
}
complete -o default -F ${fn} ${spec.program}
`;
}

/** Text inside single quotes in zsh: close, escaped quote, reopen. */
const zshQuoted = (text: string) => text.replaceAll("'", `'\\''`);
/** `[description]` and `:message:` parts of an `_arguments` spec. */
const zshSpecText = (text: string) => zshQuoted(text.replace(/([\\[\]:])/g, "\\$1"));

function zshOption(option: OptionSpec): string {
  const description = `[${zshSpecText(option.description)}]`;
  let value = "";
  if (option.takesValue) {
    const name = option.valueName ?? "value";
    value = `:${zshSpecText(name)}:${zshValueAction(name, option.choices)}`;
  }
  // `-o+`/`--out=`: the value may follow in the same word or the next.
  const names = option.flags.map((flag) =>
    option.takesValue ? `${word(flag)}${flag.startsWith("--") ? "=" : "+"}` : word(flag),
  );
  if (names.length === 1) return `'${names[0]}${description}${value}'`;
  const exclusive = `'(${option.flags.map(word).join(" ")})'`;
  return `${exclusive}{${names.join(",")}}'${description}${value}'`;
}

function zshValueAction(name: string, choices: string[] | undefined): string {
  if (choices) return `(${words(choices)})`;
  if (name === "dir") return "_directories";
  return NOT_PATHS.has(name) ? " " : "_files";
}

function zshArgument(arg: ArgumentSpec, index: number): string {
  const action = zshValueAction(arg.name, arg.choices);
  const message = zshSpecText(arg.name);
  if (arg.variadic) return `'*:${message}:${action}'`;
  return `'${index + 1}:${arg.required ? "" : ":"}${message}:${action}'`;
}

/**
 * The body of a function completing `commands` and `options` at one level: the program's, or
 * a command's that has commands of its own (its function is `fn` with the command's name).
 */
function zshLevel(fn: string, context: string, options: OptionSpec[], commands: CommandSpec[]) {
  const indent = (lines: string[], depth: number) =>
    lines.map((line) => `${" ".repeat(depth)}${line}`).join(" \\\n");
  const describe = commands.map(
    (cmd) => `        '${zshQuoted(word(cmd.name))}:${zshQuoted(cmd.description)}'`,
  );
  const nested: string[] = [];
  const branches = commands.map((cmd) => {
    if (cmd.commands.length > 0) {
      const sub = `${fn}_${word(cmd.name).replace(/[^\w]/g, "_")}`;
      nested.push(...zshLevel(sub, `${context}-${cmd.name}`, cmd.options, cmd.commands));
      return `        ${word(cmd.name)})\n          ${sub}\n          ;;`;
    }
    const lines = [
      ...cmd.options.map(zshOption),
      ...cmd.arguments.map((arg, index) => zshArgument(arg, index)),
    ];
    return `        ${word(cmd.name)})\n          _arguments \\\n${indent(lines, 12)}\n          ;;`;
  });
  const top = [...options.map(zshOption), "'1: :->command'", "'*:: :->argument'"];
  return [
    `${fn}() {
  local curcontext=$curcontext state line
  typeset -A opt_args
  _arguments -C \\
${indent(top, 4)}
  case $state in
    command)
      local -a commands=(
${describe.join("\n")}
      )
      _describe -t commands '${zshQuoted(context.replaceAll("-", " "))} command' commands
      ;;
    argument)
      curcontext=\${curcontext%:*:*}:${context}-$line[1]:
      case $line[1] in
${branches.join("\n")}
      esac
      ;;
  esac
}`,
    ...nested,
  ];
}

/** A `#compdef` function: install it on `$fpath` as `_drill`, or source it after compinit. */
export function renderZsh(spec: CompletionSpec): string {
  const fn = `_${word(spec.program).replace(/[^\w]/g, "_")}`;
  const [main, ...nested] = zshLevel(fn, word(spec.program), spec.options, spec.commands);
  return `#compdef ${spec.program}
# zsh completion for ${spec.program}, generated by \`${spec.program} completion zsh\` from its commands and flags.
# Install: mkdir -p ~/.zfunc && ${spec.program} completion zsh > ~/.zfunc/_${spec.program}
#          and in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath)
#      or: echo 'source <(${spec.program} completion zsh)' >> ~/.zshrc   (after compinit)
${[...nested, main].join("\n")}
# Autoloaded from $fpath, the file is the function's body; sourced, it registers the function.
if [[ $funcstack[1] == ${fn} ]]; then ${fn} "$@"; else compdef ${fn} ${spec.program}; fi
`;
}

export async function completion(
  shell: string,
  program: Command,
  ctx: CommandContext,
): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell))
    throw new UsageError(`no completion for the shell "${shell}"`, {
      hint: `choose one of: ${SHELLS.join(", ")}`,
    });
  const spec = completionSpec(program);
  ctx.stdout.write(shell === "bash" ? renderBash(spec) : renderZsh(spec));
  return 0;
}
