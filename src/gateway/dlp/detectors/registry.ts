import { accessKeyDetector } from './access-key.js';
import { bankCardDetector } from './bank-card.js';
import { dbErrorDetector } from './db-error.js';
import type { Detector, DetectorName } from './detector.js';
import { emailDetector } from './email.js';
import { idCardDetector } from './id-card.js';
import { phoneDetector } from './phone.js';
import { privateKeyDetector } from './private-key.js';
import { stackTraceDetector } from './stack-trace.js';

/** Every built-in detector by name. */
export const DETECTORS: Readonly<Record<DetectorName, Detector>> = {
  privateKey: privateKeyDetector,
  accessKey: accessKeyDetector,
  idCard: idCardDetector,
  bankCard: bankCardDetector,
  phone: phoneDetector,
  email: emailDetector,
  stackTrace: stackTraceDetector,
  dbError: dbErrorDetector,
};
