// Original file: keyfrag/v1/auth.proto


export interface AuthenticateRequest {
  'access_id'?: (string);
  'access_key'?: (string);
  'jwt'?: (string);
  'client_certificate'?: (Buffer | Uint8Array | string);
  'source_address'?: (string);
  'credential'?: "access_key"|"jwt"|"client_certificate";
}

export interface AuthenticateRequest__Output {
  'access_id': (string);
  'access_key'?: (string);
  'jwt'?: (string);
  'client_certificate'?: (Buffer);
  'source_address': (string);
  'credential'?: "access_key"|"jwt"|"client_certificate";
}
