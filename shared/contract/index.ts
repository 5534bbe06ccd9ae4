export * from './define';
export * from './errors';
export * from './events';
export * from './methods';
export * from './schemas';
export * from './client';
export * from './display-screen';
export * from './can';
