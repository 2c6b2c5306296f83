/** Send payloads: schemas, builders, which channel takes which kind, and uploads turned into payloads. */
export * from './schemas';
export * from './builders';
export * from './channels';
export * from './from-upload';
