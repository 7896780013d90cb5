// Bundles page/index.js and JupyterLab's packages into build/ or $REFLOW_BROWSER_OUT (bundle.js plus
// lazily loaded chunks), with the asset rules JupyterLab's own examples use: CSS injected by
// style-loader, SVG icons as data URIs inside CSS and as source text inside JS, fonts and images as assets.
const path = require('path');
const webpack = require('webpack');
const svgToDataUri = require('mini-svg-data-uri');

module.exports = {
  entry: './page/index.js',
  output: {
    path: path.resolve(process.env.REFLOW_BROWSER_OUT || path.join(__dirname, 'build')),
    filename: 'bundle.js',
    publicPath: 'auto', // chunks load from wherever jupyter_server serves bundle.js
    clean: true
  },
  // Development mode without source maps: minifying ~20 MB of JavaScript on a shared 2-core machine
  // costs more than the test gains from a smaller bundle served over loopback.
  mode: 'development',
  devtool: false,
  bail: true,
  // Rebuilds after a change to the page reuse the modules of node_modules already compiled.
  cache: {
    type: 'filesystem',
    cacheDirectory: path.join(__dirname, '.webpack-cache'),
    buildDependencies: { config: [__filename] }
  },
  module: {
    rules: [
      // Some packages (@jupyter/web-components) import ESM files without extensions.
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.raw\.css$/, type: 'asset/source' },
      { test: /\.html$/, type: 'asset/resource' },
      { test: /\.md$/, type: 'asset/source' },
      {
        test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
        issuer: /\.css$/,
        type: 'asset/inline',
        generator: { dataUrl: content => svgToDataUri(content.toString()) }
      },
      { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: 'asset/source' },
      { test: /\.(png|jpg|gif|ttf|woff|woff2|eot)(\?v=[0-9]\.[0-9]\.[0-9])?$/, type: 'asset' }
    ]
  },
  plugins: [
    // Some packages call process.cwd() (the path polyfill) or read process.env.
    new webpack.DefinePlugin({ process: { cwd: () => '/', env: {} } })
  ]
};
