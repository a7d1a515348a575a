/**
 * What the owner of an account may ask about its data (PIPL articles 45 and 47, App Store
 * rule 5.1.1(v)): a copy of everything stored, and deletion after a cooling-off period.
 */
package com.usercenter.privacy;
