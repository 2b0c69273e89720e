import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LocalizedText } from '@lexique/core';
import { SystemStatus } from './system-status';

@Entity('information_system')
export class InformationSystemEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  name!: string;

  /** Business area of the application: RH, FIN, ACH, GED… */
  @Column('text')
  kind!: string;

  /** INSEE code of the owning commune, or SIREN of the Métropole. */
  @Column('text', { name: 'owner_code' })
  ownerCode!: string;

  @Column('text', { name: 'owner_name' })
  ownerName!: string;

  @Column('jsonb', { default: {} })
  description!: LocalizedText;

  @Column('text')
  status!: SystemStatus;

  @Column('date', { name: 'active_since', nullable: true })
  activeSince!: string | null;

  @Column('date', { name: 'retiring_since', nullable: true })
  retiringSince!: string | null;

  @Column('date', { name: 'retired_on', nullable: true })
  retiredOn!: string | null;

  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
