// Original file: keyfrag/v1/common.proto


export interface Participant {
  'slot'?: (number);
  'identity_public_key'?: (Buffer | Uint8Array | string);
  'certificate'?: (Buffer | Uint8Array | string);
}

export interface Participant__Output {
  'slot': (number);
  'identity_public_key': (Buffer);
  'certificate': (Buffer);
}
