// Original file: keyfrag/v1/link.proto


export interface LinkCancel {
  'id'?: (number);
}

export interface LinkCancel__Output {
  'id': (number);
}
