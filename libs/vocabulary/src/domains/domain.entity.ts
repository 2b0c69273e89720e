import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LocalizedText } from '@lexique/core';

@Entity('domain')
export class DomainEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('jsonb')
  label!: LocalizedText;

  @Column('jsonb', { default: {} })
  description!: LocalizedText;

  @Column('boolean', { name: 'requires_review', default: true })
  requiresReview!: boolean;

  /** Optimistic lock, incremented by the conditional UPDATE that writes the row. */
  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
