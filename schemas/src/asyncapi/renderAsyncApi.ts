import { asyncApiDocument } from './asyncApiDocument';

/** The text of `docs/asyncapi.json`. */
export const renderAsyncApi = (): string => `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
