// Original file: keyfrag/v1/secrets.proto

import type { Item as _keyfrag_v1_Item, Item__Output as _keyfrag_v1_Item__Output } from '../../keyfrag/v1/Item.js';

export interface ListItemsResponse {
  'items'?: (_keyfrag_v1_Item)[];
  'next_page_token'?: (string);
}

export interface ListItemsResponse__Output {
  'items': (_keyfrag_v1_Item__Output)[];
  'next_page_token': (string);
}
