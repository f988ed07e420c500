// Exports that no other file imports (used only in their own file, or not at all), found with the
// TypeScript compiler: every import, re-export and `import()` in the repository (tests and e2e
// included) marks what it names; an export of lib/, components/, app/ or scripts/ that nothing
// marks is reported. Packages are not resolved (only the project's own files are read), which keeps
// a run to a few seconds.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const SCOPE = /^(lib|components|app|scripts)\//;
const SKIP_DIRS = new Set(["node_modules", ".next", ".data", "test-results", "playwright-report", "generated", ".git", ".ci"]);
// Exports Next.js reads from files under app/ by their name.
const NEXT_CONVENTIONS = new Set([
  "default", "metadata", "generateMetadata", "generateStaticParams", "generateViewport", "viewport",
  "dynamic", "dynamicParams", "revalidate", "fetchCache", "runtime", "preferredRegion", "maxDuration", "experimental_ppr",
  "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
]);

function projectFiles(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...projectFiles(root, rel));
    } else if (/\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** `file: name` for each export in scope that no other file imports. */
export function unusedExports(root: string): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    baseUrl: root,
    paths: { "@/*": ["./*"] },
    noLib: true,
    types: [],
    noEmit: true,
    allowImportingTsExtensions: true,
  };
  const host = ts.createCompilerHost(options, true);
  // Only the project's own modules: a package import stays unresolved and is never read.
  host.resolveModuleNameLiterals = (literals, containingFile) =>
    literals.map((literal) => {
      const { resolvedModule } = ts.resolveModuleName(literal.text, containingFile, options, host);
      const own = resolvedModule && !resolvedModule.isExternalLibraryImport && !resolvedModule.resolvedFileName.includes("/node_modules/");
      return { resolvedModule: own ? resolvedModule : undefined };
    });
  const files = projectFiles(root).map((f) => path.join(root, f));
  const program = ts.createProgram({ rootNames: files, options, host });
  const checker = program.getTypeChecker();

  // What is used is the export itself and every alias it goes through (a barrel's re-export, the
  // import it re-exports, the declaration).
  const used = new Set<ts.Symbol>();
  const mark = (symbol: ts.Symbol) => {
    for (let s: ts.Symbol | undefined = symbol; s && !used.has(s); ) {
      used.add(s);
      s = s.flags & ts.SymbolFlags.Alias ? checker.getImmediateAliasedSymbol(s) : undefined;
    }
  };
  const moduleOf = (specifier: ts.Node) => {
    const symbol = checker.getSymbolAtLocation(specifier);
    return symbol?.valueDeclaration && ts.isSourceFile(symbol.valueDeclaration) ? symbol : undefined;
  };
  const markAll = (specifier: ts.Node) => {
    const mod = moduleOf(specifier);
    if (mod) for (const s of checker.getExportsOfModule(mod)) mark(s);
  };
  const markName = (specifier: ts.Node, name: string) => {
    const mod = moduleOf(specifier);
    const s = mod && checker.getExportsOfModule(mod).find((e) => e.name === name);
    if (s) mark(s);
  };
  // `{ a, b } = await import("…")`, `(await import("…")).a`, `ns.a` for `import * as ns`: just those
  // names; any other use of the whole module counts as using all of it.
  const namesTaken = (node: ts.Node): string[] | undefined => {
    let n = node;
    while (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent)) n = n.parent;
    if (ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n) return [n.parent.name.text];
    if (ts.isVariableDeclaration(n.parent) && n.parent.initializer === n && ts.isObjectBindingPattern(n.parent.name)) {
      const names = n.parent.name.elements.map((e) => (e.propertyName ?? e.name));
      return names.every(ts.isIdentifier) ? names.map((i) => i.text) : undefined;
    }
    return undefined;
  };
  const namespaceUses = (sf: ts.SourceFile, ns: string): string[] | undefined => {
    const names: string[] = [];
    let whole = false;
    const walk = (node: ts.Node) => {
      if (ts.isIdentifier(node) && node.text === ns && !ts.isNamespaceImport(node.parent)) {
        const p = node.parent;
        if (ts.isPropertyAccessExpression(p) && p.expression === node) names.push(p.name.text);
        else if (ts.isQualifiedName(p) && p.left === node) names.push(p.right.text);
        else if (!(ts.isPropertyAccessExpression(p) && p.name === node) && !(ts.isPropertyAssignment(p) && p.name === node)) whole = true;
      }
      ts.forEachChild(node, walk);
    };
    walk(sf);
    return whole ? undefined : names;
  };
  const markSome = (specifier: ts.Node, names: string[] | undefined) => {
    if (names) for (const name of names) markName(specifier, name);
    else markAll(specifier);
  };

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && node.importClause) {
      const { name, namedBindings } = node.importClause;
      if (name) markName(node.moduleSpecifier, "default");
      if (namedBindings && ts.isNamespaceImport(namedBindings)) markSome(node.moduleSpecifier, namespaceUses(node.getSourceFile(), namedBindings.name.text));
      if (namedBindings && ts.isNamedImports(namedBindings)) {
        for (const el of namedBindings.elements) markName(node.moduleSpecifier, (el.propertyName ?? el.name).text);
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      markSome(node.arguments[0], namesTaken(node));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      if (node.qualifier) markName(node.argument.literal, ts.isIdentifier(node.qualifier) ? node.qualifier.text : node.qualifier.left.getText());
      else markAll(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  for (const sf of program.getSourceFiles()) visit(sf);

  const unused: string[] = [];
  for (const sf of program.getSourceFiles()) {
    const rel = path.relative(root, sf.fileName).split(path.sep).join("/");
    if (!SCOPE.test(rel) || /\.test\.tsx?$/.test(rel) || rel.startsWith("lib/db/generated/")) continue;
    const mod = checker.getSymbolAtLocation(sf);
    if (!mod) continue;
    for (const s of checker.getExportsOfModule(mod)) {
      if (rel.startsWith("app/") && NEXT_CONVENTIONS.has(s.name)) continue;
      // `export * from`: reported where it is declared
      if (!(s.flags & ts.SymbolFlags.Alias) && !s.declarations?.some((d) => d.getSourceFile() === sf)) continue;
      if (!used.has(s)) unused.push(`${rel}: ${s.name}`);
    }
  }
  return unused.sort();
}
