/**
 * A browser bundle of an npm package written as CommonJS modules (its files and those they `require`), built once
 * at start-up in memory: how the workbench page serves DingTalk's JSAPI (`dingtalk-jsapi`) from the bot with no
 * build step and no CDN (docs/portal.md "Sign-in"). Each module runs in a function of its own with `module`,
 * `exports`, `require` and a `process` that says production; the entry's exports become `window[globalName]`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const REQUIRE = /require\("([^"]+)"\)/g;

export async function bundleCommonJs(entry: string, globalName: string): Promise<string> {
  const ids = new Map<string, number>();
  const bodies: string[] = [];
  const pending = [require.resolve(entry)];
  const idOf = (file: string) => {
    if (!ids.has(file)) {
      ids.set(file, ids.size);
      pending.push(file);
    }
    return ids.get(file)!;
  };
  idOf(pending.pop()!);
  while (pending.length > 0) {
    const file = pending.pop()!;
    const source = await readFile(file, 'utf8');
    const map: Record<string, number> = {};
    for (const m of source.matchAll(REQUIRE)) {
      map[m[1]!] = idOf(require.resolve(m[1]!, { paths: [path.dirname(file)] }));
    }
    bodies[ids.get(file)!] =
      `[function(module,exports,require,process){${source.replace(/\/\/# sourceMappingURL=.*$/gm, '')}\n},${JSON.stringify(map)}]`;
  }
  return `(function(){'use strict';
var defs=[${bodies.join(',\n')}];
var cache={};var proc={env:{NODE_ENV:'production'}};
function load(id){if(cache[id])return cache[id].exports;var m=cache[id]={exports:{}};var d=defs[id];
d[0].call(m.exports,m,m.exports,function(name){if(!(name in d[1]))throw new Error('not bundled: '+name);return load(d[1][name]);},proc);return m.exports;}
var out=load(0);window[${JSON.stringify(globalName)}]=out&&out.default?out.default:out;
})();`;
}
