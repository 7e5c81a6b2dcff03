// The Typst row of `make bench`: compile a Typst source to PDF with
// typst.ts (the Typst compiler as a Node module), from a cold process.
// Usage: node bench/typst.mjs IN.typ OUT.pdf FONTDIR
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { writeFileSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const [input, output, fonts] = process.argv.slice(2);
const compiler = NodeCompiler.create({
  workspace: dirname(resolve(input)),
  fontArgs: [{ fontPaths: [resolve(fonts)] }],
});
const pdf = compiler.pdf({ mainFileContent: readFileSync(input, 'utf8') });
writeFileSync(output, pdf);
