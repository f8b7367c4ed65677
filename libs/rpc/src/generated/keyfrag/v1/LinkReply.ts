// Original file: keyfrag/v1/link.proto


export interface LinkReply {
  'id'?: (number);
  'code'?: (number);
  'details'?: (string);
  'response'?: (Buffer | Uint8Array | string);
}

export interface LinkReply__Output {
  'id': (number);
  'code': (number);
  'details': (string);
  'response': (Buffer);
}
