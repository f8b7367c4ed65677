// Original file: keyfrag/v1/fragment.proto


export interface NonceCommitment {
  'slot'?: (number);
  'hiding'?: (Buffer | Uint8Array | string);
  'binding'?: (Buffer | Uint8Array | string);
}

export interface NonceCommitment__Output {
  'slot': (number);
  'hiding': (Buffer);
  'binding': (Buffer);
}
