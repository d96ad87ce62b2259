/**
 * A strict little XML well-formedness check (elements, attributes, entities, nesting, one root),
 * enough to prove a generated SVG parses anywhere. Pure; used by the image tests.
 */

export type XmlCheck = { ok: true; root: string; rootAttributes: Record<string, string>; elements: number } | { ok: false; error: string };

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function badAmpersand(text: string): boolean {
  return text.replace(ENTITY, "").includes("&");
}

export function checkXml(xml: string): XmlCheck {
  const stack: string[] = [];
  let root = "";
  let rootAttributes: Record<string, string> = {};
  let elements = 0;
  let i = 0;
  const fail = (error: string): XmlCheck => ({ ok: false, error: `${error} at ${i}` });

  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end < 0) return fail("unterminated XML declaration");
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.includes(">") || badAmpersand(text)) return fail("bad character in text");
    if (text.trim() && !stack.length) return fail("text outside the root element");
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith("<!--", i)) {
      const end = xml.indexOf("-->", i + 4);
      if (end < 0) return fail("unterminated comment");
      i = end + 3;
      continue;
    }
    const gt = xml.indexOf(">", i);
    if (gt < 0) return fail("unterminated tag");
    const tag = xml.slice(i + 1, gt);
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) return fail(`mismatched </${name}>`);
      i = gt + 1;
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = /^([^\s/>]+)/.exec(body);
    if (!nameMatch || !NAME.test(nameMatch[1])) return fail("bad element name");
    const name = nameMatch[1];
    const attributes: Record<string, string> = {};
    let rest = body.slice(name.length);
    const attr = /^\s+([^\s=]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/;
    for (;;) {
      const m = attr.exec(rest);
      if (!m) break;
      const [whole, key, , dq, sq] = m;
      if (!NAME.test(key) || key in attributes) return fail(`bad or duplicate attribute ${key}`);
      const value = dq ?? sq ?? "";
      if (badAmpersand(value)) return fail(`bad & in attribute ${key}`);
      attributes[key] = value;
      rest = rest.slice(whole.length);
    }
    if (rest.trim()) return fail(`unparseable attributes in <${name}>: ${rest.slice(0, 30)}`);
    if (!stack.length) {
      if (root) return fail("more than one root element");
      root = name;
      rootAttributes = attributes;
    }
    elements++;
    if (!selfClosing) stack.push(name);
    i = gt + 1;
  }
  if (stack.length) return { ok: false, error: `unclosed <${stack[stack.length - 1]}>` };
  if (!root) return { ok: false, error: "no root element" };
  return { ok: true, root, rootAttributes, elements };
}
