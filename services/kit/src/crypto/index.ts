export { leadSubject, subjectName, visitorSubject, type Subject } from './Subject';
export { formatSealedField, parseSealedField, type SealedField } from './SealedField';
export { openValue, sealValue, type DataKey } from './fieldCipher';
export { MasterKeys, MasterKeyMissingError, masterKeyFile, newMasterKeyFile, type WrappedKey } from './MasterKeys';
export { LruCache } from './LruCache';
export { SubjectKeyring, type OpenedField, type KeyringOptions } from './SubjectKeyring';
export { subjectKeysMigrations } from './subjectKeysMigrations';
export { eraseSubjectKeys } from './eraseSubjectKeys';
export { rewrapSubjectKeys } from './rewrapSubjectKeys';
