// Builds the page with webpack's Node API and refuses a bundle that only looks built: a module webpack
// could not resolve becomes a stub that throws when the page runs (newer webpack releases were seen
// reporting success with ~120 of those), so the build fails if stats carry errors or if any emitted
// chunk contains such a stub.
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const config = require('./webpack.config.js');

webpack(config, (failure, stats) => {
  if (failure) {
    console.error(failure.stack || failure);
    process.exit(1);
  }
  const info = stats.toJson({ all: false, errors: true, warnings: true, assets: true });
  for (const warning of info.warnings) console.warn('webpack warning:', warning.message);
  if (stats.hasErrors()) {
    for (const error of info.errors) console.error('webpack error:', error.message);
    process.exit(1);
  }
  const out = config.output.path;
  const stubs = [];
  for (const file of fs.readdirSync(out).filter(name => name.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(out, file), 'utf8');
    for (const match of text.matchAll(/webpackMissingModule|Cannot find module '([^']*)'/g)) {
      stubs.push(`${file}: ${match[0]}`);
    }
  }
  if (stubs.length > 0) {
    console.error(`the bundle has ${stubs.length} throwing stubs for unresolved modules:\n` + stubs.slice(0, 50).join('\n'));
    process.exit(1);
  }
  const bytes = info.assets.reduce((sum, asset) => sum + asset.size, 0);
  console.log(`built ${info.assets.length} files, ${(bytes / 1e6).toFixed(1)} MB, in ${stats.endTime - stats.startTime} ms; no unresolved-module stubs`);
});
