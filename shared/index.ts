export * from './access-methods';
export * from './agency-message';
export * from './expiry';
export * from './markets';
export * from './quota';
export * from './schemas';
export * from './shop-code';
export * from './statuses';
