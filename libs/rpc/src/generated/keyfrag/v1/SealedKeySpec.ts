// Original file: keyfrag/v1/secrets.proto


export interface SealedKeySpec {
  'algorithm'?: (string);
  'public_key_pem'?: (string);
}

export interface SealedKeySpec__Output {
  'algorithm': (string);
  'public_key_pem': (string);
}
