// The minified ESM bundle of ECharts carries no types of its own: it is the package's API, typed by the package.
declare module 'echarts/dist/echarts.esm.min.mjs' {
  export * from 'echarts';
}
