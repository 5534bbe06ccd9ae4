import { createRequire } from 'node:module';
import type { ComponentType, ReactNode } from 'react';
import type { Plugin } from 'vite';
import THEME from '../../renderer/src/theme.json' with { type: 'json' };

/**
 * antd writes its styles at run time (CSS-in-JS): on the login screen that was more than half of
 * the page's script time. This build step renders the components of the login screen, the app
 * frame and 统计 once in Node with the app's theme, and writes their styles to a CSS file linked
 * from index.html before the scripts. That file also carries antd's map of what it holds
 * (`.data-ant-cssinjs-cache-path`), which antd reads on start to skip generating those styles;
 * any style not in the file (the other screens' components) is still generated at run time as
 * before, so nothing depends on this list being complete. The theme is renderer/src/theme.json,
 * as in the app (its `motion` switch lives in CSS variables, written at run time either way).
 */
export function antdStyle(): Plugin {
  return {
    name: 'hall-antd-style',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const css = renderStyles();
      const ref = this.emitFile({ type: 'asset', name: 'antd.css', source: css });
      const html = bundle['index.html'];
      if (html?.type !== 'asset' || typeof html.source !== 'string') throw new Error('antd-style: no index.html');
      // Before the scripts: a module script waits for the style sheets above it, so the map is
      // there when antd first looks; and before the app's own CSS, as antd's runtime styles were.
      const link = `<link rel="stylesheet" crossorigin href="/${this.getFileName(ref)}">\n    `;
      const at = html.source.indexOf('<script type="module"');
      if (at < 0) throw new Error('antd-style: no module script in index.html');
      html.source = html.source.slice(0, at) + link + html.source.slice(at);
    },
  };
}

function renderStyles(): string {
  // antd's CommonJS build, in Node; the class hash must be the production one the browser computes.
  if (process.env.NODE_ENV !== 'production') throw new Error('antd-style: build with NODE_ENV=production');
  const require = createRequire(import.meta.url);
  const React = require('react') as typeof import('react');
  const { renderToString } = require('react-dom/server') as typeof import('react-dom/server');
  const { createCache, extractStyle, StyleProvider } =
    require('@ant-design/cssinjs') as typeof import('@ant-design/cssinjs');
  const antd = require('antd') as typeof import('antd');
  const h = (type: ComponentType<never> | string, props: object | null, ...children: ReactNode[]) =>
    React.createElement(type as ComponentType, props, ...children);
  const { Form, Input, Layout } = antd;

  const cache = createCache();
  const sample = h(
    antd.App,
    null,
    // The login screen (screens/Gate.tsx) and the loading states.
    h(antd.Card, { title: '登录' }, h(antd.Alert, { type: 'error', showIcon: true, title: 'x' })),
    h(
      Form,
      { layout: 'vertical' },
      h(Form.Item, { label: 'x', name: 'x' }, h(Input, { prefix: 'x' })),
      h(Form.Item, { label: 'y', name: 'y' }, h(Input.Password, null)),
    ),
    h(antd.Button, { type: 'primary', block: true }, 'x'),
    h(antd.Checkbox, null, 'x'),
    h(antd.Result, { status: 'error', title: 'x' }),
    h(antd.Space, null, h(antd.Typography.Text, null, 'x'), h(antd.Typography.Title, { level: 4 }, 'x')),
    h(antd.Spin, { size: 'large' }),
    // The app frame (AppShell.tsx).
    h(
      Layout,
      null,
      h(Layout.Sider, { theme: 'light' }, h(antd.Menu, { mode: 'inline', items: [{ key: 'x', label: 'x' }] })),
      h(Layout, null, h(Layout.Header, null, h(antd.Tag, null, 'x')), h(Layout.Content, null)),
    ),
    // 统计 (screens/Stats.tsx).
    h(antd.Row, null, h(antd.Col, { span: 12 }, h(antd.Statistic, { title: 'x', value: 1 }))),
    h(antd.DatePicker.RangePicker, null),
    h(antd.Select, { options: [] }),
    h(antd.Table, { columns: [{ title: 'x', dataIndex: 'x' }], dataSource: [] }),
  );
  renderToString(
    h(StyleProvider, { cache }, h(antd.ConfigProvider, { theme: THEME.theme, button: THEME.button }, sample)),
  );
  // Only the component styles: the theme's CSS variables are written at run time either way.
  return extractStyle(cache, { plain: true, types: ['style'] });
}
