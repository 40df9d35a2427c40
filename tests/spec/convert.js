// Write the CommonMark spec examples of the npm package commonmark-spec as
// records the C driver reads: "example NUMBER BYTES\n" + markdown + "\n".
// The spec writes tabs as U+2192; they are turned back into tabs.
'use strict';
const path = require('path');
const spec = require(path.resolve(process.argv[2]));
const parts = [];
for (const t of spec.tests) {
    const md = Buffer.from(t.markdown.replace(/\u2192/g, '\t'), 'utf8');
    parts.push(Buffer.from(`example ${t.number} ${md.length}\n`, 'utf8'), md, Buffer.from('\n'));
}
process.stdout.write(Buffer.concat(parts));
