export { ApiKeyDirectory, type ApiKeyGrant } from './ApiKeyDirectory';
export { generateApiKey, hashApiKey } from './apiKeyHash';
export { readKeysFile, writeKeysFile } from './readKeysFile';
export { activityEventTypes, anonymousWebEventTypes, keyKinds, keysFile, storedKey, type KeyKind, type KeysFile, type StoredKey } from './keysFile';
