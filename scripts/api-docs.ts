/**
 * The API reference: TypeDoc over the package's public entry points (typedoc.json), rendered as markdown into
 * docs/api/. `npm run docs:api` writes it; `npm run docs:check` (and test/api-docs.test.ts, so CI) fails when a
 * public declaration, member or parameter has no TSDoc, or when docs/api/ is not what the sources give.
 * `--html DIR` renders the same reference as HTML (the playground's build serves it at ./api/).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Application, Logger, LogLevel, ReflectionKind, type ProjectReflection, type Reflection, type SignatureReflection,
} from 'typedoc';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const API_DIR = join(ROOT, 'docs', 'api');

/** Keeps every message instead of printing it. */
class CollectingLogger extends Logger {
  readonly messages: { level: LogLevel; text: string }[] = [];
  override log(message: string, level: LogLevel): void {
    super.log(message, level);
    this.messages.push({ level, text: message });
  }
}

export interface ApiDocsReport {
  /** TypeDoc's warnings and errors (undocumented declarations, unexported referenced types, broken links). */
  problems: string[];
  /** The converted project, for rendering; undefined when TypeDoc could not convert the sources. */
  project: ProjectReflection | undefined;
  app: Application;
}

/** A `@param name` of the nearest named declaration above an anonymous function type (`__type`). */
function enclosingParamTag(sig: SignatureReflection, name: string): boolean {
  let r: Reflection | undefined = sig.parent;
  while (r && r.name === '__type') r = r.parent;
  return !!r?.comment?.blockTags.some((t) => t.tag === '@param' && t.name === name && t.content.some((c) => c.text.trim()));
}

/**
 * Parameters without a description. TypeDoc's `notDocumented` checks declarations only; an undocumented
 * parameter (a missing `@param`) is just as unhelpful to a user. The parameters of a function type inside a union
 * (TypeScript keeps no doc comment there) may be described by `@param` on the enclosing declaration.
 */
function undocumentedParameters(project: ProjectReflection): string[] {
  const out: string[] = [];
  const kinds = ReflectionKind.CallSignature | ReflectionKind.ConstructorSignature;
  for (const refl of project.getReflectionsByKind(kinds) as SignatureReflection[]) {
    for (const p of refl.parameters ?? []) {
      const described = p.comment?.summary.some((part) => part.text.trim() !== '');
      if (!described && !(refl.parent?.name === '__type' && enclosingParamTag(refl, p.name))) {
        out.push(`${refl.getFriendlyFullName()} (${ReflectionKind.singularString(refl.kind)}): parameter ${p.name} has no @param`);
      }
    }
  }
  return out;
}

/** Converts and validates the public API; `problems` is empty when every public declaration is documented. */
export async function checkApi(): Promise<ApiDocsReport> {
  const logger = new CollectingLogger();
  logger.level = LogLevel.Warn;
  const app = await Application.bootstrapWithPlugins({ options: join(ROOT, 'typedoc.json'), logLevel: 'Warn' });
  app.logger = logger;
  const project = await app.convert();
  if (project) app.validate(project);
  const problems = logger.messages.filter((m) => m.level >= LogLevel.Warn).map((m) => m.text);
  if (project) problems.push(...undocumentedParameters(project));
  return { problems, project, app };
}

/** Every file under `dir`, relative path → contents. */
async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else files.set(relative(dir, p), await readFile(p, 'utf8'));
    }
  };
  await walk(dir);
  return files;
}

/** Renders the reference into `out`. */
export async function render(report: ApiDocsReport, out: string): Promise<void> {
  if (!report.project) throw new Error('TypeDoc could not convert the sources');
  report.app.options.setValue('out', out);
  await report.app.generateOutputs(report.project);
}

/** Files of docs/api/ that differ from a fresh rendering: added, removed or changed. */
export async function staleFiles(report: ApiDocsReport): Promise<string[]> {
  const tmp = await mkdtemp(join(tmpdir(), 'momentum-api-'));
  try {
    await render(report, tmp);
    const fresh = await readTree(tmp), committed = await readTree(API_DIR);
    const stale: string[] = [];
    for (const [name, text] of fresh) if (committed.get(name) !== text) stale.push(`docs/api/${name}`);
    for (const name of committed.keys()) if (!fresh.has(name)) stale.push(`docs/api/${name} (no longer generated)`);
    return stale.sort();
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const htmlAt = process.argv.indexOf('--html');
  const report = await checkApi();
  if (report.problems.length) {
    console.error(`${report.problems.length} public declarations lack TSDoc (or TypeDoc found other problems):`);
    for (const p of report.problems) console.error(`  ${p}`);
    // The playground's HTML copy is built anyway (a missing comment should not stop the site); the rest fails.
    if (htmlAt < 0 || !report.project) {
      process.exitCode = 1;
      return;
    }
  }
  if (check) {
    const stale = await staleFiles(report);
    if (stale.length) {
      console.error(`docs/api/ is out of date; run \`npm run docs:api\` and commit it. Differs: ${stale.join(', ')}`);
      process.exitCode = 1;
    }
    return;
  }
  if (htmlAt >= 0) {
    const dir = resolve(process.argv[htmlAt + 1] ?? '');
    if (!process.argv[htmlAt + 1] || !dir.startsWith(ROOT)) throw new Error('--html needs a folder inside the repository');
    await rm(dir, { recursive: true, force: true });
    await report.app.generateDocs(report.project!, dir);
    console.log(`API reference (HTML) written to ${relative(ROOT, dir)}/`);
    return;
  }
  await rm(API_DIR, { recursive: true, force: true });
  await render(report, API_DIR);
  console.log(`API reference written to ${relative(ROOT, API_DIR)}/`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
