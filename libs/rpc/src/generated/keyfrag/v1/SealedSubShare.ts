// Original file: keyfrag/v1/fragment.proto


export interface SealedSubShare {
  'to'?: (number);
  'sealed'?: (Buffer | Uint8Array | string);
}

export interface SealedSubShare__Output {
  'to': (number);
  'sealed': (Buffer);
}
