/** Name and version of the app, injected by the bundler; tests fall back to package.json. */
declare const __HALL_VERSION__: string | undefined;

export const APP_NAME = '信访接待大厅';
export const APP_VERSION: string =
  typeof __HALL_VERSION__ === 'string' ? __HALL_VERSION__ : (process.env.npm_package_version ?? '0.0.0-dev');
