/**
 * The library's public surface as data, read with the TypeScript compiler API from
 * components/index.ts: every export, its kind, its JSDoc, and for components and args types their
 * members with type, required-ness and `@default`. docs/library-api.md is written from it.
 */
import * as path from "node:path";
import ts from "typescript";

export const LIBRARY_ENTRY = "components/index.ts";

export type ExportKind = "component" | "class" | "interface" | "type" | "function" | "constant";

/** A property of an interface or a public field of a class. */
export interface Member {
  name: string;
  /** The type as written in the source. */
  type: string;
  optional: boolean;
  doc: string;
  /** The `@default` tag's text; undefined when there is none. */
  default?: string;
}

export interface LibraryExport {
  name: string;
  kinds: ExportKind[];
  /** The folder under components/ it is declared in (`okta`, `pomerium`, …). */
  folder: string;
  doc: string;
  /** Functions and components: the call or constructor signature, as written. */
  signature?: string;
  /** Interfaces: properties; components: outputs. */
  members: Member[];
  /** Constants and type aliases: the declared type or value, as written. */
  value?: string;
}

/** A JSDoc comment's text without its tags. */
const text = (c: string | ts.NodeArray<ts.JSDocComment> | undefined): string =>
  (typeof c === "string" ? c : (ts.getTextOfJSDocComment(c) ?? "")).replace(/\s+/g, " ").trim();

function jsdoc(node: ts.Node): { doc: string; default?: string } {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const doc = docs
    .map((d) => text(d.comment))
    .join(" ")
    .trim();
  const tag = ts.getJSDocTags(node).find((t) => t.tagName.text === "default");
  return tag ? { doc, default: text(tag.comment) } : { doc };
}

const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

function member(node: ts.PropertySignature | ts.PropertyDeclaration): Member {
  const { doc, default: dflt } = jsdoc(node);
  return {
    name: node.name.getText(),
    type: node.type ? oneLine(node.type.getText()) : "unknown",
    optional: node.questionToken !== undefined,
    doc,
    ...(dflt !== undefined ? { default: dflt } : {}),
  };
}

const isPublicField = (m: ts.ClassElement): m is ts.PropertyDeclaration =>
  ts.isPropertyDeclaration(m) &&
  !(ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) &&
  !(ts.isIdentifier(m.name) && m.name.text.startsWith("_"));

function params(node: ts.SignatureDeclaration): string {
  return node.parameters.map((p) => oneLine(p.getText())).join(", ");
}

function describeDeclaration(d: ts.Declaration, out: LibraryExport): void {
  const take = (node: ts.Node) => {
    const { doc } = jsdoc(node);
    if (doc && !out.doc.includes(doc)) out.doc = out.doc ? `${out.doc} ${doc}` : doc;
  };
  if (ts.isClassDeclaration(d)) {
    const component = d.heritageClauses?.some((h) => /ComponentResource/.test(h.getText()));
    out.kinds.push(component ? "component" : "class");
    take(d);
    const ctor = d.members.find(ts.isConstructorDeclaration);
    if (ctor) out.signature = `new ${out.name}(${params(ctor)})`;
    out.members.push(...d.members.filter(isPublicField).map(member));
  } else if (ts.isInterfaceDeclaration(d)) {
    out.kinds.push("interface");
    take(d);
    out.members.push(...d.members.filter(ts.isPropertySignature).map(member));
  } else if (ts.isTypeAliasDeclaration(d)) {
    out.kinds.push("type");
    take(d);
    out.value ??= oneLine(d.type.getText());
  } else if (ts.isFunctionDeclaration(d)) {
    out.kinds.push("function");
    take(d);
    const returns = d.type ? `: ${oneLine(d.type.getText())}` : "";
    out.signature = `${out.name}(${params(d)})${returns}`;
  } else if (ts.isVariableDeclaration(d)) {
    out.kinds.push("constant");
    take(d.parent.parent);
    const value = d.type?.getText() ?? d.initializer?.getText() ?? "";
    out.value = oneLine(value).length <= 160 ? oneLine(value) : undefined;
  }
}

/** Every export of the library entry, sorted by folder then name. */
export function libraryExports(root: string): LibraryExport[] {
  const entry = path.join(root, LIBRARY_ENTRY);
  // The library's own files only (noResolve): the SDKs' declarations are not needed to read
  // declarations and JSDoc, and loading them took most of the time.
  const files = ts.sys
    .readDirectory(path.join(root, "components"), [".ts"])
    .filter((f) => !f.endsWith(".d.ts"));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    skipLibCheck: true,
    noResolve: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`${LIBRARY_ENTRY} not found`);
  const module = checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${LIBRARY_ENTRY} is not a module`);
  const out: LibraryExport[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.declarations ?? [];
    const file = declarations[0]?.getSourceFile().fileName ?? entry;
    const folder = path.relative(path.join(root, "components"), path.dirname(file)) || ".";
    const item: LibraryExport = { name: exported.name, kinds: [], folder, doc: "", members: [] };
    for (const d of declarations) describeDeclaration(d, item);
    out.push(item);
  }
  return out.sort((a, b) => a.folder.localeCompare(b.folder) || a.name.localeCompare(b.name));
}
