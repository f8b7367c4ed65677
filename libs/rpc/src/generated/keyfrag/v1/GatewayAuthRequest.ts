// Original file: keyfrag/v1/gateway.proto


export interface GatewayAuthRequest {
  'access_id'?: (string);
  'access_key'?: (string);
  'jwt'?: (string);
  'use_client_certificate'?: (boolean);
}

export interface GatewayAuthRequest__Output {
  'access_id': (string);
  'access_key': (string);
  'jwt': (string);
  'use_client_certificate': (boolean);
}
