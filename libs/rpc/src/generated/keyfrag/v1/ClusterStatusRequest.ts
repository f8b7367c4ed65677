// Original file: keyfrag/v1/coordinator.proto


export interface ClusterStatusRequest {
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ClusterStatusRequest__Output {
  'page_size': (number);
  'page_token': (string);
}
